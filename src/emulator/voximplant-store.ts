// The Voximplant emulator's state: applications and their secrets, with the documented rules (names unique per
// application and case-sensitive, values up to 8192 characters, descriptions cut to 200) and timestamps as the
// API writes them ("YYYY-MM-DD HH:MM:SS", UTC).

export interface EmulatedSecret {
  id: number;
  name: string;
  value: string;
  description: string;
  created: string;
  modified: string;
}

export interface EmulatedApplication {
  id: number;
  name: string;
  secrets: EmulatedSecret[];
}

/**
 * The Voximplant emulator's applications and secrets at start.
 *
 * @example
 * ```ts
 * const seed: VoximplantSeed = { applications: [{ id: 1, name: "shop", secrets: [{ name: "stripeKey", value: "sk_test_1" }] }] };
 * ```
 */
export interface VoximplantSeed {
  applications?: Array<{ id: number; name: string; secrets?: Array<{ name: string; value: string; description?: string }> }>;
}

export const DEFAULT_VOXIMPLANT_SEED: Required<VoximplantSeed> = {
  applications: [
    {
      id: 1,
      name: "demo",
      secrets: [
        { name: "apiKeyProd", value: "demo-api-key-value", description: "Production API key for external integrations" },
        { name: "dbPassword", value: "demo-db-password", description: "Database password for application DB access" },
      ],
    },
  ],
};

export const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const MAX_VALUE = 8192;
export const MAX_DESCRIPTION = 200;

export function timestamp(now: number): string {
  return new Date(now).toISOString().slice(0, 19).replace("T", " ");
}

export class VoximplantStore {
  readonly applications: EmulatedApplication[];
  private nextId = 100;

  constructor(seed: VoximplantSeed, now: number) {
    this.applications = (seed.applications ?? DEFAULT_VOXIMPLANT_SEED.applications).map((app) => ({
      id: app.id,
      name: app.name,
      secrets: [],
    }));
    for (const [index, app] of (seed.applications ?? DEFAULT_VOXIMPLANT_SEED.applications).entries()) {
      for (const secret of app.secrets ?? []) this.add(this.applications[index]!, secret, now);
    }
  }

  application(params: URLSearchParams): EmulatedApplication | undefined {
    const id = params.get("application_id");
    const name = params.get("application_name");
    return this.applications.find((app) => (id !== null ? String(app.id) === id : app.name === name));
  }

  add(app: EmulatedApplication, input: { name: string; value: string; description?: string | undefined }, now: number): EmulatedSecret {
    this.nextId += 1;
    const secret = {
      id: this.nextId,
      name: input.name,
      value: input.value,
      description: (input.description ?? "").slice(0, MAX_DESCRIPTION),
      created: timestamp(now),
      modified: timestamp(now),
    };
    app.secrets.push(secret);
    return secret;
  }

  /** The secret named by `secret_id` or `secret_name`, undefined when there is none. */
  find(app: EmulatedApplication, params: URLSearchParams): EmulatedSecret | undefined {
    const id = params.get("secret_id");
    const name = params.get("secret_name");
    return app.secrets.find((secret) => (id !== null ? String(secret.id) === id : secret.name === name));
  }
}
