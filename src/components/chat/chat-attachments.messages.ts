/**
 * The attachments' strings (English), registered when the attachment chunk loads
 * (`chat-attachments.ts`): a chat without files never loads them.
 */
export const attachmentMessages = {
  'chat.attach.button': "Attach a file",
  'chat.attach.choose': "Choose a file to send",
  'chat.attach.details': "{type}, {size}",
  'chat.attach.send': "Send file",
  'chat.attach.cancel': "Cancel",
  'chat.attach.preparing': "Encrypting {name}…",
  'chat.attach.uploading': "Uploading {name}…",
  'chat.attach.progress': "Upload of {name}",
  'chat.attach.sending': "Sending {name}…",
  'chat.attach.open': "Opening {name}…",
  'chat.attach.download': "Download {name}",
  'chat.attach.imageAlt': "Image: {name}",
  'chat.attach.unnamed': "Unnamed file",
  'chat.attach.unknownSize': "size unknown",
  'chat.attach.retry': "Try again",
  'chat.attach.noStorage': "{name} is {size}: this site has not set up file storage, so only files up to {max} can be sent.",
  'chat.attach.tooBig': "{name} is {size}, more than the {max} this chat can send.",
  'chat.attach.uploadFailed': "{name} could not be uploaded ({detail}).",
  'chat.attach.blockedUrl': "This file is stored at an address the chat does not open (only https:// addresses are opened).",
  'chat.attach.notFound': "This file is no longer where the sender stored it (not found).",
  'chat.attach.timeout': "This file took too long to download. Try again later.",
  'chat.attach.tooLarge': "This file is larger than the {max} the chat downloads.",
  'chat.attach.fetchFailed': "This file could not be downloaded ({detail}).",
  'chat.attach.length': "This file is not the size its message says ({got} instead of {expected}: cut short or changed on the way), so it is not opened.",
  'chat.attach.digest': "This file does not match the message it came with (changed after it was sent), so it is not shown.",
  'chat.attach.decrypt': "This file could not be decrypted with the keys in its message.",
  'chat.attach.malformed': "This file is not a readable attachment.",
} as const;

export type AttachmentMessageKey = keyof typeof attachmentMessages;
