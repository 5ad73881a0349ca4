/**
 * The absolute path of the `latipay-sandbox` executable for this machine, or
 * `$LATIPAY_SANDBOX_BIN` when set. Throws an Error naming the platform when
 * the package has none for it (it ships linux-x64 and linux-arm64, glibc 2.17
 * or newer).
 */
export declare function binaryPath(): string

/** A merchant the sandbox knows. */
export interface SandboxMerchant {
  readonly userId: string
  readonly walletId: string
  readonly apiKey: string
  /** `NZD` unless the spec named another. */
  readonly currency: string
}

/** The merchant a sandbox started without `merchants` knows: U000334333 / W00000001 / 111222333 / NZD. */
export declare const DEMO_MERCHANT: SandboxMerchant

/** How to start the sandbox; every option is optional. */
export interface StartOptions {
  /** Merchants as `USER_ID:WALLET_ID:API_KEY[:CURRENCY]`; without any, the demo merchant. */
  merchants?: string[]
  /** Pause between notification attempts (default 100 ms, for tests; Latipay: about 30 s). */
  notifyIntervalMs?: number
  /** The longest hold of a blocking query, in seconds (default 180). */
  blockTimeoutSecs?: number
  /** Refuse request fields sent as JSON numbers or booleans. */
  strict?: boolean
  /** Serve HTTPS with a certificate made at start (see `certificatePem`). */
  tls?: boolean
  /** Further command-line arguments. */
  args?: string[]
  /** The executable to run instead of `binaryPath()`. */
  binary?: string
}

/** One notification the sandbox sent, with every delivery attempt. */
export interface SandboxNotification {
  merchant_reference: string
  delivered: boolean
  attempts: Array<Record<string, unknown>>
  [field: string]: unknown
}

/** A request field accepted although it was not a JSON string. */
export interface SandboxWarning {
  endpoint: string
  field: string
  /** The field's JSON text, e.g. `1` or `12.5`. */
  sent: string
  message: string
}

/**
 * A running sandbox. (At run time it is also async-disposable, for
 * `await using`; the type leaves that out so that it needs no `esnext` lib.)
 */
export interface Sandbox {
  /** The sandbox process's id. */
  readonly pid: number
  /** Its base URL, e.g. `http://127.0.0.1:40123`: the `baseUrl` of a latipay Client. */
  readonly url: string
  /** With `tls`: its certificate, as PEM text (a latipay Client's `caCertificates`). */
  readonly certificatePem: string | undefined
  /** The first merchant it knows. */
  readonly merchant: SandboxMerchant
  /** Every merchant it knows. */
  readonly merchants: readonly SandboxMerchant[]
  /** The customer pays a pending order. */
  pay(merchantReference: string): Promise<unknown>
  /** The customer's payment fails. */
  fail(merchantReference: string): Promise<unknown>
  /** The customer cancels. */
  cancel(merchantReference: string): Promise<unknown>
  /** The order as the sandbox holds it (status, amount, refunded, waiting_queries, ...). */
  order(merchantReference: string): Promise<Record<string, unknown>>
  /** Every notification sent, or those of one order. */
  notifications(merchantReference?: string): Promise<SandboxNotification[]>
  /** Makes the next requests to an endpoint misbehave; resolves to the stored fault. */
  faults(rule: Record<string, unknown>): Promise<Record<string, unknown>>
  /** Request fields accepted although they were not JSON strings. */
  warnings(): Promise<SandboxWarning[]>
  /** Forgets every order, notification, fault and warning. */
  reset(): Promise<unknown>
  /** Calls the control API (`/_sandbox/...`); resolves to its JSON. */
  control(method: string, path: string, body?: unknown): Promise<any>
  /** Stops the sandbox; resolves once it has exited. */
  close(): Promise<void>
}

/** Starts `latipay-sandbox` on a free loopback port; resolves once it listens. */
export declare function startSandbox(options?: StartOptions): Promise<Sandbox>
