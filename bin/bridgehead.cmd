@echo off
rem Runs the bridgehead command from this checkout's build. Build first with:
rem   mvnw.cmd -q package -DskipTests
rem Java comes from %JAVA_HOME%, else from PATH; extra JVM options from %BRIDGEHEAD_JAVA_OPTS%.
rem NOTE: written for Windows but not run there yet.
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\launcher\target\launcher.jar"
set "LIB=%ROOT%\launcher\target\lib"

if not exist "%JAR%" (
  echo bridgehead: not built yet; run "mvnw.cmd -q package -DskipTests" in %ROOT% first 1>&2
  exit /b 2
)

set "JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"

"%JAVA%" %BRIDGEHEAD_JAVA_OPTS% -cp "%JAR%;%LIB%\*" io.bridgehead.launcher.Main %*
exit /b %ERRORLEVEL%
