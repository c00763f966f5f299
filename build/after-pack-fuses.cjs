// electron-builder afterPack hook: sets Electron's fuses on the packaged binary, before signing.
// electron-builder 25 has no `electronFuses` option (26 does), so @electron/fuses does it here.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** electron-builder's Arch enum value for arm64 (builder-util). */
const ARCH_ARM64 = 3;

/**
 * The fuses for one platform. Asar integrity is checked where Electron supports it (macOS,
 * Windows) and electron-builder 25 embeds the hashes; on Linux Electron has no such check.
 */
function fuseSettings(platform) {
  return {
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: platform === 'darwin' || platform === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The packaged Electron executable (the .app bundle on macOS) inside appOutDir. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const platform = context.electronPlatformName;
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // Newer Electrons may have fuses this library does not name yet; those keep their defaults.
    strictlyRequireAllFuses: false,
    // Changing the binary breaks the ad-hoc signature arm64 macOS needs; re-sign it.
    resetAdHocDarwinSignature: platform === 'darwin' && context.arch === ARCH_ARM64,
    ...fuseSettings(platform),
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.electronBinary = electronBinary;
