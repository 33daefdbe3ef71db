/**
 * The badge's lazy view's and card's sentences (English), registered when the
 * view's chunk loads (`internal/i18n.ts` keeps only first-paint strings in the
 * entry). Every other language lists the same keys in `src/locales/`.
 */
export const badgeMessages = {
  'badge.address': 'Address',
  'badge.verified': '{name} points back to this address.',
  'badge.verifiedGiven': '{name} points to this address.',
  'badge.unverified': 'This address claims “{name}”, but that name does not point back to it, so the name is not shown.',
  'badge.unverifiedInvalid': 'This address claims a name that is not a valid ENS name, so it is not shown.',
  'badge.unverifiedMark': 'Unverified name claim',
  'badge.lookalike': '{name} looks like {others}, a different address shown on this page. Check the address before you trust the name.',
  'badge.lookalikeMany': '{name} looks like {others}, different addresses shown on this page. Check the address before you trust the name.',
  'badge.noName': 'No name is set for this address.',
  'badge.loading': 'Looking up…',
  'badge.reachable': 'Can receive XMTP messages',
  'badge.unreachable': 'Not on XMTP yet',
  'badge.explorer': 'Block explorer',
  'badge.lensProfile': 'Lens profile',
  'badge.message': 'Message',
  'badge.tip': 'Tip',
  'badge.noChat': 'There is no chat on this page.',
  'badge.noTip': 'There is no tip button on this page.',
  'badge.human': 'Verified human: {by}, as reported by {source}.',
  'badge.risky': 'Warning: flagged as risky by {by}, as reported by {source} (a compromised wallet or one linked to hacks). Check before you send anything.',
  'badge.spam': 'Warning: flagged as spam by {by}, as reported by {source}.',
  'badge.trustFailed': 'Could not check for trust warnings: {detail}',
  'badge.verifiedLink': '{platform} {handle} (verified by {by})',
  'badge.elsewhere': 'Also on other platforms, as reported by {source} (not checked by this page):',
  'badge.lensAccount': 'Lens account {account}, owned by {owner}: tips to {handle} go to the owner.',
};
