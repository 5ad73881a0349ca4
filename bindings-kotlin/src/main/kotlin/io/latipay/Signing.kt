// Hand-written: `sign` and `verifyNotification` cross into Rust once through
// JNI (FastPath) instead of UniFFI's JNA calls, which cost some thirty times an
// HMAC on the JVM. Only the success path is taken there: anything else is
// repeated through UniFFI (`signViaUniffi`, `verifyNotificationViaUniffi`),
// which raises the typed LatipayException. Both run the same Rust core.
package io.latipay

import com.sun.jna.Native

/**
 * Signs parameters by rule A (sorted `name=value` pairs joined with `&`, then
 * the key) and returns the lowercase hex signature. `null` and `""` values and
 * any `signature` are left out.
 *
 * @throws LatipayException.InvalidArgument for an empty key, an empty name, or a name given twice.
 */
fun sign(params: Map<String, String?>, apiKey: String): String {
    if (FastPath.loaded) {
        val packed = packParams(params)
        val key = FastPath.keyBytes(apiKey)
        if (packed != null && key != null) FastPath.signPacked(packed, key)?.let { return String(it, Charsets.ISO_8859_1) }
    }
    return signViaUniffi(params, apiKey)
}

/**
 * Verifies a notification from its raw body, exactly the bytes received, and
 * returns the verified [Payment].
 *
 * @throws LatipayException.InvalidSignature when the signature is missing or wrong.
 * @throws LatipayException.MalformedResponse when the body cannot be decoded or a signed field is missing.
 */
fun verifyNotification(body: ByteArray, apiKey: String): Payment {
    if (FastPath.loaded) {
        val packed = FastPath.keyBytes(apiKey)?.let { FastPath.verifyNotificationPacked(body, it) }
        if (packed != null) return unpackPayment(String(packed, Charsets.UTF_8))
    }
    return verifyNotificationViaUniffi(body, apiKey)
}

/** The JNI entry points in the same native library UniFFI uses. */
internal object FastPath {
    /** Whether the library's JNI functions could be bound; if not, every call goes through UniFFI. */
    val loaded: Boolean = try {
        load()
        true
    } catch (e: UnsatisfiedLinkError) {
        false
    }

    /** Signs UTF-8 `name\u0000value\u0000…`: the hex signature's ASCII bytes, or null when refused. */
    @JvmStatic external fun signPacked(packed: ByteArray, apiKey: ByteArray): ByteArray?

    /** The verified payment packed as `unpackPayment` reads it; null when it does not verify. */
    @JvmStatic external fun verifyNotificationPacked(body: ByteArray, apiKey: ByteArray): ByteArray?

    /** The last key and its UTF-8 bytes: an app signs with one key, so it is encoded once. */
    @Volatile private var lastKey: Pair<String, ByteArray>? = null

    /** `apiKey` as UTF-8, or null when it holds a NUL or a surrogate (the UniFFI path takes those). */
    fun keyBytes(apiKey: String): ByteArray? {
        lastKey?.let { (key, bytes) -> if (key === apiKey || key == apiKey) return bytes }
        if (!plain(apiKey)) return null
        return apiKey.toByteArray(Charsets.UTF_8).also { lastKey = apiKey to it }
    }

    /** On Android from the APK's libraries; on the JVM as JNA finds it (`jna.library.path`, or unpacked from the jar). */
    private fun load() {
        try {
            System.loadLibrary(LIBRARY)
        } catch (e: UnsatisfiedLinkError) {
            // JNA deletes what it unpacks once loaded: unpack a copy of our own.
            val file = Native.extractFromResourcePath(LIBRARY, FastPath::class.java.classLoader)
            try {
                System.load(file.absolutePath)
            } finally {
                if (file.name.startsWith("jna")) file.delete()
            }
        }
    }

    private const val LIBRARY = "latipay_kotlin"
}

/**
 * `name\u0000value\u0000…` as UTF-8, or null when a name or value holds a NUL
 * or a surrogate (lone, or half of a pair): such text takes the UniFFI path.
 */
private fun packParams(params: Map<String, String?>): ByteArray? {
    val packed = StringBuilder(256)
    for ((name, value) in params) {
        if (value == null) continue
        if (!plain(name) || !plain(value)) return null
        if (packed.isNotEmpty()) packed.append('\u0000')
        packed.append(name).append('\u0000').append(value)
    }
    return packed.toString().toByteArray(Charsets.UTF_8)
}

/** Whether `text` has neither a NUL nor a surrogate. */
internal fun plain(text: String): Boolean {
    for (c in text) if (c == '\u0000' || Character.isSurrogate(c)) return false
    return true
}

/** The Payment packed by the Rust side (fast_path.rs `pack_payment`). */
private fun unpackPayment(packed: String): Payment {
    val f = packed.split('\u0000')
    val extra = HashMap<String, String>()
    for (i in 8 until f.size step 2) extra[f[i]] = f[i + 1]
    return Payment(
        merchantReference = f[0],
        orderId = f[1].ifEmpty { null },
        paymentMethod = f[2],
        status = f[3],
        currency = f[4],
        amount = f[5],
        payTimeMillis = f[6].ifEmpty { null }?.toLong(),
        payTimeRaw = f[7].ifEmpty { null },
        extra = extra,
    )
}
