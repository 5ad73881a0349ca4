// The ES-module face of latipay-sandbox: the same functions as index.js.
import sandbox from './index.js'

export const { binaryPath, startSandbox, DEMO_MERCHANT } = sandbox
export default sandbox
