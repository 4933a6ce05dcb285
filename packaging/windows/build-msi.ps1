# Builds the Bridgehead .msi with jpackage on a Windows build machine, from the launcher's
# build output. Needs JDK 17 or newer (jpackage) and WiX Toolset 3 (candle.exe and light.exe
# on PATH), which jpackage of JDK 17 uses to make the .msi.
#
#   .\mvnw.cmd -B -ntp package -DskipTests -pl launcher -am
#   .\packaging\windows\build-msi.ps1 [-Dest packaging\target]
#
# NOTE: never run; written on Linux. The GitHub Actions workflow .github/workflows/windows.yml
# runs it on windows-latest.
param(
  [string]$Dest = ''
)
$ErrorActionPreference = 'Stop'

$repo = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
if ($Dest -eq '') {
  $Dest = Join-Path $repo 'packaging\target'
}
$target = Join-Path $repo 'launcher\target'
$jar = Join-Path $target 'launcher.jar'
$lib = Join-Path $target 'lib'
$properties = Join-Path $target 'maven-archiver\pom.properties'

if (-not (Test-Path $jar) -or -not (Test-Path $lib) -or -not (Test-Path $properties)) {
  throw "launcher not built: $jar or $lib is missing; run '.\mvnw.cmd -B -ntp package" +
      " -DskipTests -pl launcher -am' in $repo first"
}
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue) -or
    -not (Get-Command light.exe -ErrorAction SilentlyContinue)) {
  throw 'WiX Toolset 3 not found: install it (for example: choco install wixtoolset) and' +
      ' put its bin folder, with candle.exe and light.exe, on PATH'
}
if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME 'bin\jpackage.exe'))) {
  $jpackage = Join-Path $env:JAVA_HOME 'bin\jpackage.exe'
} elseif (Get-Command jpackage.exe -ErrorAction SilentlyContinue) {
  $jpackage = (Get-Command jpackage.exe).Source
} else {
  throw 'jpackage not found: install JDK 17 or newer, or set JAVA_HOME to one'
}

$version = (Select-String -Path $properties -Pattern '^version=(.*)$').Matches[0].Groups[1].Value
# An .msi version is numbers only (major.minor.build); a -SNAPSHOT suffix is rejected here.
if ($version -notmatch '^\d+(\.\d+){0,2}$') {
  throw "invalid version '$version' in ${properties}: an .msi needs one to three numbers," +
      ' such as 0.1.0; set a release version in the pom'
}

New-Item -ItemType Directory -Force -Path $Dest | Out-Null
$staging = Join-Path ([System.IO.Path]::GetTempPath()) "bridgehead-package-$PID"
if (Test-Path $staging) {
  Remove-Item -Recurse -Force $staging
}
New-Item -ItemType Directory -Path $staging | Out-Null
try {
  Copy-Item $jar $staging
  Copy-Item (Join-Path $lib '*.jar') $staging

  Write-Host "build-msi.ps1: building Bridgehead $version in $Dest"
  & $jpackage "@$(Join-Path $PSScriptRoot 'msi.jpackage')" `
      --app-version $version `
      --input $staging `
      --add-launcher "BridgeheadSetup=$(Join-Path $PSScriptRoot 'bridgehead-setup.properties')" `
      --dest $Dest
  if ($LASTEXITCODE -ne 0) {
    throw "jpackage failed with exit code $LASTEXITCODE"
  }
} finally {
  Remove-Item -Recurse -Force $staging
}
Write-Host "build-msi.ps1: built $(Join-Path $Dest "Bridgehead-$version.msi")"
