// `sign` and `verifyNotification` (io/latipay/Latipay.kt) cross into Rust once through JNI here instead of
// UniFFI's JNA calls, which cost some thirty times an HMAC on the JVM. Only the success path is
// taken: anything else is repeated through UniFFI, which raises the typed LatipayException. Both
// run the same Rust core.
package io.latipay.internal

import io.latipay.Payment

import com.sun.jna.Library
import com.sun.jna.Native
import com.sun.jna.NativeLibrary

/** The JNI entry points in the same native library UniFFI uses. */
internal object FastPath {
    /**
     * Whether the library's JNI functions are bound and sign a known vector
     * right; if not (any failure at all), every call goes through UniFFI.
     */
    val loaded: Boolean = try {
        load()
        val query = "merchant_reference\u00006000324\u0000user_id\u0000U000000013".toByteArray()
        signPacked(query, "111222333".toByteArray())?.let { String(it, Charsets.ISO_8859_1) } == QUERY_SIGNATURE
    } catch (e: Throwable) {
        false
    }

    /** [signPacked], or null when it failed in any way (the UniFFI path then reports). */
    fun sign(packed: ByteArray, apiKey: ByteArray): ByteArray? = try {
        signPacked(packed, apiKey)
    } catch (e: RuntimeException) {
        null
    }

    /** [verifyNotificationPacked], or null when it failed in any way (the UniFFI path then reports). */
    fun verifyNotification(body: ByteArray, apiKey: ByteArray): ByteArray? = try {
        verifyNotificationPacked(body, apiKey)
    } catch (e: RuntimeException) {
        null
    }

    /** Signs UTF-8 `name\u0000value\u0000…`: the hex signature's ASCII bytes, or null when refused. */
    @JvmStatic external fun signPacked(packed: ByteArray, apiKey: ByteArray): ByteArray?

    /** The verified payment packed as `unpackPayment` reads it; null when it does not verify. */
    @JvmStatic external fun verifyNotificationPacked(body: ByteArray, apiKey: ByteArray): ByteArray?

    /**
     * Binds the library UniFFI loaded: the file JNA found (`jna.library.path`,
     * or unpacked from the jar), else the platform's (Android's APK), else a
     * copy unpacked from the jar here (JNA deletes its own once loaded).
     */
    private fun load() {
        val jnaFile = try {
            // The options UniFFI's Native.register passes, so JNA's cached instance (its file) is reused.
            NativeLibrary.getInstance(LIBRARY, mapOf(Library.OPTION_CLASSLOADER to UniffiLib::class.java.classLoader)).file
        } catch (e: UnsatisfiedLinkError) {
            null
        }
        if (jnaFile != null && jnaFile.isFile) return System.load(jnaFile.absolutePath)
        try {
            System.loadLibrary(LIBRARY)
        } catch (e: UnsatisfiedLinkError) {
            val file = Native.extractFromResourcePath(LIBRARY, FastPath::class.java.classLoader)
            try {
                System.load(file.absolutePath)
            } finally {
                if (file.name.startsWith("jna")) file.delete()
            }
        }
    }

    private const val LIBRARY = "latipay_kotlin"

    /** The spec's query example (tests/vectors/signatures.json). */
    private const val QUERY_SIGNATURE = "58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4"
}

/** `text` as UTF-8, or null when it holds a NUL or a lone surrogate (the UniFFI path takes those). */
internal fun utf8IfPlain(text: String): ByteArray? = if (plain(text)) text.toByteArray(Charsets.UTF_8) else null

/**
 * `name\u0000value\u0000…` as UTF-8, or null when a name or value holds a NUL
 * or a lone surrogate: such text takes the UniFFI path.
 */
internal fun packParams(params: Map<String, String?>): ByteArray? {
    val packed = StringBuilder(256)
    for ((name, value) in params) {
        if (value == null) continue
        if (!plain(name) || !plain(value)) return null
        if (packed.isNotEmpty()) packed.append('\u0000')
        packed.append(name).append('\u0000').append(value)
    }
    return packed.toString().toByteArray(Charsets.UTF_8)
}

/** Whether `text` has neither a NUL nor a lone surrogate (a pair encodes as UTF-8 like any character). */
private fun plain(text: String): Boolean {
    var i = 0
    while (i < text.length) {
        val c = text[i]
        if (c == '\u0000') return false
        if (Character.isSurrogate(c)) {
            if (!Character.isHighSurrogate(c) || i + 1 == text.length || !Character.isLowSurrogate(text[i + 1])) return false
            i++
        }
        i++
    }
    return true
}

/** The Payment packed by the Rust side (fast_path.rs `pack_payment`). */
internal fun unpackPayment(packed: String): Payment {
    val f = packed.split('\u0000')
    val extra = HashMap<String, String>()
    for (i in 8 until f.size step 2) extra[f[i]] = f[i + 1]
    return Payment.verified(
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
