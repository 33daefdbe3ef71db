/**
 * A group conversation's strings that the chat's own chunk needs (English): the lines a membership or
 * metadata change shows in the conversation, and the header's "Group details". Registered with the
 * chat's lazy chunk (`chat-ui.ts`); the details view and the create form bring theirs
 * (`chat-groups.messages.ts`).
 */
export const groupLineMessages = {
  'chat.group.you': 'You',
  'chat.group.someone': 'A member',
  'chat.group.line.added': '{actor} added {names}',
  'chat.group.line.addedYou': '{actor} added you',
  'chat.group.line.removed': '{actor} removed {names}',
  'chat.group.line.removedYou': '{actor} removed you',
  'chat.group.line.left': '{names} left',
  'chat.group.line.renamed': '{actor} renamed the group to “{name}”',
  'chat.group.line.unnamed': '{actor} removed the group’s name',
  'chat.group.line.described': '{actor} changed the group’s description',
  'chat.group.line.image': '{actor} changed the group’s image',
  'chat.group.details': 'Group details',
} as const;

export type GroupLineMessageKey = keyof typeof groupLineMessages;
