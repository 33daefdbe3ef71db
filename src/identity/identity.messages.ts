/**
 * The identity service's sentences (English), registered when its chunk loads
 * (`internal/i18n.ts` keeps only first-paint strings in the entry).
 */
export const identityMessages = {
  'badge.noAddress': '{name} does not point to an address.',
  'badge.ensUnavailable': 'ENS names cannot be looked up on {chain}.',
  'badge.ensFailed': 'The name service did not answer ({detail}).',
  'badge.lensFailed': 'The Lens API did not answer ({detail}).',
  'badge.web3bioFailed': 'The web3.bio Profile API did not answer ({detail}).',
  'badge.xmtpFailed': 'The XMTP network did not answer ({detail}).',
};
