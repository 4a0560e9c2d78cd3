// The Dapr emulator's secret stores, each answering as its component in dapr/components-contrib does:
// local.file (secretstores/local/file/filestore.go), local.env (secretstores/local/env/envstore.go), kubernetes
// (secretstores/kubernetes/kubernetes.go: `metadata.namespace` picks the namespace), hashicorp.vault
// (secretstores/hashicorp/vault/vault.go: `metadata.version_id` picks a version), and a store that returns no data.

/**
 * How a store behaves: `local.file` (a missing secret is a 500 "secret … not found"), `local.env` (a missing
 * variable is an empty value; `DAPR_*` and `APP_API_TOKEN` are never read), `kubernetes` (namespaces, several keys per
 * secret), `hashicorp.vault` (versions), `no-content` (a store that returns no data: 204).
 *
 * @example
 * ```ts
 * const kind: DaprStoreKind = "local.env";
 * await startDaprEmulator({ stores: { env: { kind, secrets: { HOME: "/root" } } } });
 * ```
 */
export type DaprStoreKind = "local.file" | "local.env" | "kubernetes" | "hashicorp.vault" | "no-content";

/**
 * A secret's value: one string (the key is the secret's name), or key → value.
 *
 * @example
 * ```ts
 * const value: DaprSecretValue = { username: "app", password: "p" };
 * ```
 */
export type DaprSecretValue = string | Record<string, string>;

/**
 * One secret store of the Dapr emulator.
 *
 * @example
 * ```ts
 * const stores: Record<string, DaprStoreSeed> = {
 *   k8s: { kind: "kubernetes", secrets: { db: { user: "app", password: "p" } }, namespaces: { prod: { db: { password: "q" } } } },
 *   vault: { kind: "hashicorp.vault", secrets: { api: "v3" }, versions: { api: ["v1", "v2"] } },
 * };
 * ```
 */
export interface DaprStoreSeed {
  /** Default `local.file`. */
  kind?: DaprStoreKind;
  /** Secret name → value. For `kubernetes`, the secrets of `defaultNamespace`; for `local.env`, the environment. */
  secrets: Record<string, DaprSecretValue>;
  /** Names the scope policy denies: 403 on the single route, left out of bulk. */
  denied?: string[];
  /** `kubernetes`: the namespace read without `metadata.namespace` (the component's `defaultNamespace`). Default `default`; `""`: none. */
  defaultNamespace?: string;
  /** `kubernetes`: the secrets of other namespaces, by namespace. */
  namespaces?: Record<string, Record<string, DaprSecretValue>>;
  /** `hashicorp.vault`: earlier versions of a secret, version 1 first; its value in `secrets` is the newest. */
  versions?: Record<string, DaprSecretValue[]>;
}

type Keys = Record<string, string>;
/** What a store read gives: data, no data (204), or the store's error text. */
export type StoreAnswer<T> = { data: T } | { noData: true } | { error: string };

const keysOf = (name: string, value: DaprSecretValue): Keys => (typeof value === "string" ? { [name]: value } : { ...value });
const toMap = (secrets: Record<string, DaprSecretValue>) =>
  new Map(Object.entries(secrets).map(([name, value]) => [name, keysOf(name, value)]));

/** envstore.go isKeyAllowed: the sidecar's own variables are never read. */
const envAllowed = (name: string) => name.toUpperCase() !== "APP_API_TOKEN" && !name.toUpperCase().startsWith("DAPR_");

export class EmulatedStore {
  readonly kind: DaprStoreKind;
  readonly denied: ReadonlySet<string>;
  private readonly namespaces = new Map<string, Map<string, Keys>>();
  private readonly defaultNamespace: string;
  private readonly versions: Map<string, Keys[]>;

  constructor(seed: DaprStoreSeed) {
    this.kind = seed.kind ?? "local.file";
    this.denied = new Set(seed.denied ?? []);
    this.defaultNamespace = seed.defaultNamespace ?? "default";
    for (const [namespace, secrets] of Object.entries(seed.namespaces ?? {})) this.namespaces.set(namespace, toMap(secrets));
    this.namespaces.set(this.defaultNamespace, toMap(seed.secrets));
    this.versions = new Map(
      Object.entries(seed.versions ?? {}).map(([name, values]) => [name, values.map((value) => keysOf(name, value))]),
    );
  }

  /** The secrets a read sees (the namespace for kubernetes), or the store's error. */
  private scope(metadata: URLSearchParams): Map<string, Keys> | string {
    if (this.kind !== "kubernetes") return this.namespaces.get(this.defaultNamespace)!;
    const namespace = metadata.get("metadata.namespace") || this.defaultNamespace;
    if (!namespace) return "namespace is missing on metadata and NAMESPACE env variable, and no default namespace is set";
    return this.namespaces.get(namespace) ?? new Map();
  }

  /** hashicorp.vault: `version_id` 0 (or none) is the newest; a version that does not exist is undefined. */
  private version(name: string, keys: Keys | undefined, metadata: URLSearchParams): Keys | undefined {
    if (this.kind !== "hashicorp.vault" || keys === undefined) return keys;
    const all = [...(this.versions.get(name) ?? []), keys];
    const wanted = metadata.get("metadata.version_id") ?? "0";
    if (wanted === "0") return keys;
    return /^[1-9]\d*$/.test(wanted) ? all[Number(wanted) - 1] : undefined;
  }

  get(name: string, metadata: URLSearchParams): StoreAnswer<Keys> {
    if (this.kind === "no-content") return { noData: true };
    const scope = this.scope(metadata);
    if (typeof scope === "string") return { error: scope };
    if (this.kind === "local.env") return { data: { [name]: envAllowed(name) ? (scope.get(name)?.[name] ?? "") : "" } };
    const keys = this.version(name, scope.get(name), metadata);
    if (keys) return { data: keys };
    if (this.kind === "kubernetes") return { error: `secrets "${name}" not found` };
    if (this.kind === "hashicorp.vault") return { error: `getSecret ${name} failed secret key or version not exist` };
    return { error: `secret ${name} not found` };
  }

  /** Every secret the store gives (before the scope policy): vault leaves out those without the version asked. */
  bulk(metadata: URLSearchParams): StoreAnswer<Record<string, Keys>> {
    if (this.kind === "no-content") return { noData: true };
    const scope = this.scope(metadata);
    if (typeof scope === "string") return { error: scope };
    const data: Record<string, Keys> = {};
    for (const [name, keys] of scope) {
      if (this.kind === "local.env" && !envAllowed(name)) continue;
      const chosen = this.version(name, keys, metadata);
      if (chosen) data[name] = chosen;
    }
    return { data };
  }
}
