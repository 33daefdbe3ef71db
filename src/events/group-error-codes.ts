/**
 * The `mask-error` codes of groups. Kept apart from `ERROR_CODES` so the entry does not carry them
 * (the group views are a lazy chunk); `MaskErrorCode` includes them as a type. A member who cannot
 * receive XMTP messages is `peer-not-reachable` and a network failure `node-unreachable`, as in a DM.
 */
export const GROUP_ERROR_CODES = [
  /** The form is incomplete: no name, no members, an image URL that is not https. */
  'group-invalid',
  /** The group's rules refused a change (another member changed them meanwhile). */
  'group-not-permitted',
] as const;

export type GroupErrorCode = (typeof GROUP_ERROR_CODES)[number];
