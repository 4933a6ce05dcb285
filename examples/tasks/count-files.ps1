# Counts the files under $FOLDER and their bytes, and returns both as the task's structured
# result. Run it with:
#   bin/bridgehead tenant task run --pool demo examples/tasks/count-files.ps1 --var FOLDER=C:\Windows\Web
# NOTE: this script has not been run here, because no PowerShell was at hand.
$ErrorActionPreference = 'Stop'

if (-not (Test-Path -LiteralPath $FOLDER -PathType Container)) {
  Write-Error "FOLDER '$FOLDER' is not a folder on $env:COMPUTERNAME"
  exit 2
}

$files = Get-ChildItem -LiteralPath $FOLDER -Recurse -File -Force -ErrorAction SilentlyContinue
$bytes = ($files | Measure-Object -Property Length -Sum).Sum
if ($null -eq $bytes) { $bytes = 0 }

Write-Output "Counted $($files.Count) files, $bytes bytes under $FOLDER on $env:COMPUTERNAME"
Set-BridgeheadResult @{ files = $files.Count; bytes = $bytes }
