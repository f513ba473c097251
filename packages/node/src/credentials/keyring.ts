/** What a host plugs in to read keys from an OS keyring (macOS Keychain, libsecret, Windows Credential Manager). */
export interface KeyringAdapter {
  /** Whether a key is stored for this provider (sync and cheap: used to describe routes). */
  has(providerId: string): boolean;
  /** The stored key, or undefined. */
  get(providerId: string): Promise<string | undefined>;
}
