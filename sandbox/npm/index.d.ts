/**
 * The absolute path of the `latipay-sandbox` executable for this machine.
 * Throws an Error naming the platform when the package has none for it
 * (it ships linux-x64 and linux-arm64, glibc 2.17 or newer).
 */
export declare function binaryPath(): string
