// Run by Failsafe after `package`, with the built jar (not target/classes) on
// the class path: the jar alone carries the native library a JVM user needs.
package io.latipay

import io.latipay.internal.FastPath

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PackedJarIT {
    @Test
    fun `the library loads from the jar and signs, through JNI too`() {
        val from = ApiKey::class.java.protectionDomain.codeSource.location.path
        assertTrue(from.endsWith(".jar"), "the classes come from $from")
        assertNotNull(ApiKey::class.java.getResource("/linux-x86-64/liblatipay_kotlin.so"), "the jar carries the library")
        // The documented example (tests/vectors/signatures.json, "query" case's params).
        assertEquals(
            "58f93f458880120d650611f2452917a25a39edc2f5e3a03baac73a7a49bc81f4",
            sign(mapOf("merchant_reference" to "6000324", "user_id" to "U000000013"), "111222333"),
        )
        assertEquals("sent", NOTIFICATION_ACK)
        assertTrue(FastPath.loaded, "the JNI fast path binds to the library JNA unpacked from the jar")
    }
}
