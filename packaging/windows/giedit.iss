; Inno Setup 6 script for the giedit Windows installer. NOT built or run on the development machine
; (Linux): see BUILD.md for the procedure and for what has and has not been checked.
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.2.0 packaging\windows\giedit.iss
;
; Input: the PyInstaller one-folder build in dist\giedit (giedit.exe windowed, giedit-cli.exe
; console). Output: dist\giedit-<version>-setup.exe.
;
; Per-user install without administrator rights (office PCs rarely grant them): the program goes
; to %LOCALAPPDATA%\Programs\giedit, the Start-menu entry to the user's Programs folder, and the
; .giedit file type to HKCU\Software\Classes. After copying the files the installer runs the
; frozen self-test and warns if it fails, so a broken install is seen before deadline day.

#ifndef AppVersion
  #define AppVersion "0.2.0"
#endif
#define AppName "giedit"
#define AppTitle "giedit 年度报告编辑器"
#define ProgId "giedit.report"

[Setup]
; The AppId identifies the installation for updates and uninstall: never change it.
AppId={{1FB1CF94-9864-4D9D-A302-65A8ACAC494D}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=giedit
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=giedit-{#AppVersion}-setup
SetupIconFile=resources\icons\giedit.ico
UninstallDisplayIcon={app}\giedit.exe
UninstallDisplayName={#AppTitle}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes

[Languages]
; ChineseSimplified.isl ships with recent Inno Setup 6 releases; with an older compiler the
; wizard falls back to English (the messages below stay Chinese).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
chs.DesktopIcon=在桌面上创建快捷方式
chs.FileTypeName=政府信息公开工作年度报告
chs.LaunchAfter=立即启动 giedit
chs.SelfTestFailed=giedit 已安装，但安装后的自检没有通过，导出 Word 或 PDF 可能无法使用。%n%n详细情况已写入：%n%1%n%n请把这个文件发给技术支持人员。

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle: a library left over from an older build could be loaded
; instead of the new one. Reports never live in {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\giedit\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppTitle}"; Filename: "{app}\giedit.exe"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\{#AppTitle}"; Filename: "{app}\giedit.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Registry]
; The .giedit file type, per user. Double-clicking a report opens it in giedit.
Root: HKCU; Subkey: "Software\Classes\.giedit"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.giedit\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\giedit.exe,0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\giedit.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\Applications\giedit.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppTitle}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\giedit.exe\SupportedTypes"; ValueType: string; ValueName: ".giedit"; ValueData: ""

[Run]
Filename: "{app}\giedit.exe"; Description: "{cm:LaunchAfter}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: files; Name: "{app}\selftest.log"

[Code]
{ Run the installed giedit-cli.exe --self-test (open a bundled sample, check it, export DOCX and
  PDF, verify them) and keep its output in {app}\selftest.log. A failure does not undo the
  install, but the clerk is told, with the log to send to whoever supports them. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  LogFile, Params: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
  LogFile := ExpandConstant('{app}\selftest.log');
  Params := '/C ""' + ExpandConstant('{app}\giedit-cli.exe') + '" --self-test > "' + LogFile + '" 2>&1"';
  if (not Exec(ExpandConstant('{cmd}'), Params, '', SW_HIDE, ewWaitUntilTerminated, ResultCode))
    or (ResultCode <> 0) then
    SuppressibleMsgBox(FmtMessage(CustomMessage('SelfTestFailed'), [LogFile]), mbError, MB_OK, IDOK);
end;
