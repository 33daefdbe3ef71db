/**
 * The backup section's strings (English), registered when its lazy chunk loads (`chat-backup.ts`, on the
 * first visit to the chat's settings).
 */
export const backupMessages = {
  'chat.backup.title': 'Backup',
  'chat.backup.explain': 'Save your conversations in a file only your wallet can open, and import it on another site with this chat. Your wallet signs once to make the file’s key; the file stays on your device.',
  'chat.backup.notReady': 'Enable chat first to export or import a backup.',
  'chat.backup.export': 'Export conversations',
  'chat.backup.import': 'Import a backup',
  'chat.backup.signing': 'Confirm in your wallet: the signature makes the backup’s key. It sends nothing and costs nothing.',
  'chat.backup.exporting': 'Preparing the backup…',
  'chat.backup.importing': 'Importing the backup…',
  'chat.backup.exported': 'Backup saved as {file} ({size}).',
  'chat.backup.imported': 'Imported {file}: your conversations from it are here.',
  'chat.backup.unreadable': '“{file}” is not a chat backup made with this wallet, so nothing was imported. Choose a backup you exported with this wallet.',
  'chat.backup.rejected': 'You declined the signature, so no backup was made or imported. The signature only makes the backup’s key.',
  'chat.backup.failed': 'The backup did not complete ({detail}). Nothing was lost; try again.',
} as const;

export type BackupMessageKey = keyof typeof backupMessages;
