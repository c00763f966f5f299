// The scripts the Windows backend sends to its PowerShell. Each prints one line of JSON with
// numbers for enums (State is MSFT_NetTCPConnection's enum: 2 = Listen, 5 = Established, ...), so
// nothing depends on the display language. Times are ms since the epoch, computed in the shell,
// because ConvertTo-Json writes dates differently in Windows PowerShell 5.1 and PowerShell 7.

/** Sockets, the identity (name, start) of each owning process, and whether we are admin. */
export const SOCKETS_SCRIPT = [
  "$t = @(Get-NetTCPConnection -ErrorAction SilentlyContinue | Select-Object LocalAddress, @{n='LocalPort';e={[int]$_.LocalPort}}, RemoteAddress, @{n='RemotePort';e={[int]$_.RemotePort}}, @{n='State';e={[int]$_.State}}, @{n='OwningProcess';e={[int]$_.OwningProcess}})",
  "$u = @(Get-NetUDPEndpoint -ErrorAction SilentlyContinue | Select-Object LocalAddress, @{n='LocalPort';e={[int]$_.LocalPort}}, @{n='OwningProcess';e={[int]$_.OwningProcess}})",
  '$ids = @(@($t) + @($u) | ForEach-Object { $_.OwningProcess } | Where-Object { $_ -gt 0 } | Sort-Object -Unique)',
  '$p = @(if ($ids.Count) { Get-Process -Id $ids -ErrorAction SilentlyContinue | ForEach-Object { $s = $null; try { $s = ([DateTimeOffset]$_.StartTime).ToUnixTimeMilliseconds() } catch { }; [pscustomobject]@{ Id = [int]$_.Id; Name = [string]$_.ProcessName; Start = $s } } })',
  '$admin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)',
  'ConvertTo-Json -Compress -Depth 4 -InputObject ([ordered]@{ tcp = $t; udp = $u; processes = $p; admin = $admin })',
].join('; ');

/** Most pids one owners request asks for: keeps the WQL filter a sane length. */
export const OWNERS_BATCH = 100;

/**
 * Image name, path, command line, creation time and user of the given processes. GetOwner fails
 * for processes a non-admin may not inspect: User is null then, which is a normal state.
 */
export function ownersScript(pids: readonly number[]): string {
  const safe = pids.filter((pid) => Number.isSafeInteger(pid) && pid > 0);
  const filter = safe.map((pid) => `ProcessId=${pid}`).join(' OR ') || 'ProcessId=-1';
  return [
    `$w = @(Get-CimInstance -ClassName Win32_Process -Filter '${filter}')`,
    "$o = @($w | ForEach-Object { $u = $null; try { $r = Invoke-CimMethod -InputObject $_ -MethodName GetOwner -ErrorAction Stop; if ($r.ReturnValue -eq 0) { $u = if ($r.Domain) { $r.Domain + '\\' + $r.User } else { $r.User } } } catch { }; $c = $null; if ($_.CreationDate) { $c = ([DateTimeOffset]$_.CreationDate).ToUnixTimeMilliseconds() }; [pscustomobject]@{ ProcessId = [int]$_.ProcessId; Name = $_.Name; ExecutablePath = $_.ExecutablePath; CommandLine = $_.CommandLine; CreationDate = $c; User = $u } })",
    'ConvertTo-Json -Compress -Depth 3 -InputObject $o',
  ].join('; ');
}
