// latipay (Rust core through UniFFI and JNA) against the idiomatic JVM
// implementation (javax.crypto.Mac), in one run, on the documented create
// request and notification from tests/vectors. Prints time per call and the
// ratio javax.crypto / latipay (above 1: latipay is faster).
// Not a test: bench/kotlin_bench.sh runs it (`--quick` for a smoke run, which
// sets the system property latipay.bench.quick).
package io.latipay.bench

import io.latipay.sign
import io.latipay.text
import io.latipay.vectors
import io.latipay.verifyNotification
import java.net.URLDecoder
import java.security.MessageDigest
import java.util.HexFormat
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/** Rule A as a careful merchant writes it on the JVM. */
fun jvmSign(params: Map<String, String?>, apiKey: String): String {
    val message = params.filter { (k, v) -> k != "signature" && !v.isNullOrEmpty() }.toSortedMap()
        .entries.joinToString("&") { (k, v) -> "$k=$v" } + apiKey
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(apiKey.toByteArray(), "HmacSHA256"))
    return HexFormat.of().formatHex(mac.doFinal(message.toByteArray()))
}

/** Rule B on a notification as a careful merchant writes it on the JVM. */
fun jvmVerifyNotification(body: ByteArray, apiKey: String): Map<String, String> {
    val fields = String(body).split('&').associate { pair ->
        val (name, value) = pair.split('=', limit = 2) + ""
        URLDecoder.decode(name, Charsets.UTF_8) to URLDecoder.decode(value, Charsets.UTF_8)
    }
    val message = listOf("merchant_reference", "payment_method", "status", "currency", "amount").joinToString("") { fields[it].orEmpty() }
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(apiKey.toByteArray(), "HmacSHA256"))
    val expected = mac.doFinal(message.toByteArray())
    val given = runCatching { HexFormat.of().parseHex(fields["signature"].orEmpty()) }.getOrDefault(ByteArray(0))
    require(MessageDigest.isEqual(expected, given)) { "invalid signature" }
    return fields
}

/** Nanoseconds per call of each, the best of `rounds` alternating rounds of `calls`. */
private fun perCall(ours: () -> Any, theirs: () -> Any, calls: Int, rounds: Int): Pair<Double, Double> {
    var sink = 0
    fun time(fn: () -> Any): Double {
        val start = System.nanoTime()
        repeat(calls) { sink += fn().hashCode() }
        return (System.nanoTime() - start).toDouble() / calls
    }
    var best = Double.MAX_VALUE to Double.MAX_VALUE
    repeat(rounds) { best = minOf(best.first, time(ours)) to minOf(best.second, time(theirs)) }
    if (sink == 42) println() // keeps the results alive
    return best
}

fun main() {
    val quick = System.getProperty("latipay.bench.quick") == "true"
    val (calls, rounds) = if (quick) 2_000 to 3 else 50_000 to 15
    val signatures = vectors("signatures.json")
    val create = signatures.getAsJsonArray("cases").map { it.asJsonObject }.first { it.text("name") == "create transaction" }
    val params = create.getAsJsonObject("params").entrySet().associate { (k, v) -> k to v.asString as String? }
    val notification = vectors("notifications.json").getAsJsonArray("cases").map { it.asJsonObject }.first { it.text("name") == "documented example" }
    val body = notification.text("body")!!.toByteArray()
    val key = notification.text("api_key")!!
    check(sign(params, key) == jvmSign(params, key)) { "the two rule A implementations disagree" }
    check(verifyNotification(body, key).amount == jvmVerifyNotification(body, key)["amount"]) { "the two notification checks disagree" }

    val rows = listOf(
        "sign (10-field create request)" to perCall({ sign(params, key) }, { jvmSign(params, key) }, calls, rounds),
        "verifyNotification" to perCall({ verifyNotification(body, key) }, { jvmVerifyNotification(body, key) }, calls, rounds),
    )
    println("JVM ${System.getProperty("java.vm.version")} on ${System.getProperty("os.arch")}; best of $rounds alternating rounds of $calls calls")
    println("%-34s %10s %14s %7s".format("operation", "latipay", "javax.crypto", "ratio"))
    for ((name, times) in rows) {
        val (ours, theirs) = times
        println("%-34s %7.2f µs %11.2f µs %6.2fx".format(name, ours / 1000, theirs / 1000, theirs / ours))
    }
    if (quick) println("quick run: a smoke test of this program, too short to judge anything")
}
