package io.latipay.sandbox

import java.math.BigDecimal

/**
 * The control API's JSON as Kotlin values: objects as `Map<String, Any?>`,
 * arrays as `List<Any?>`, strings, `Long` or `BigDecimal` numbers (never a
 * floating point), booleans and null. Small on purpose: the fixture depends
 * on nothing but JUnit.
 */
internal class Json private constructor(private val text: String) {
    private var at = 0
    private var depth = 0

    companion object {
        /** The deepest nesting read. */
        private const val MAX_DEPTH = 512

        /** A number as JSON writes it (no `+`, no leading zero, digits after a point). */
        private val NUMBER = Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")

        /** Parses one JSON document; throws [SandboxException] on anything else. */
        fun parse(text: String): Any? = Json(text).run {
            val value = value()
            space()
            if (at != text.length) fail("text after the JSON value")
            value
        }

        /** `value` as JSON text (maps, lists, strings, numbers, booleans, null). */
        fun write(value: Any?): String = StringBuilder().also { write(value, it) }.toString()

        private fun write(value: Any?, out: StringBuilder) {
            when (value) {
                null -> out.append("null")
                is String -> quote(value, out)
                is Boolean -> out.append(value.toString())
                is Double, is Float -> {
                    val number = (value as Number).toDouble()
                    require(number.isFinite()) { "JSON has no $number" }
                    out.append(BigDecimal(value.toString()).toPlainString())
                }
                is BigDecimal -> out.append(value.toPlainString())
                is Number -> out.append(value.toString())
                is Map<*, *> -> {
                    out.append('{')
                    value.entries.forEachIndexed { i, (k, v) ->
                        if (i > 0) out.append(',')
                        quote(k.toString(), out)
                        out.append(':')
                        write(v, out)
                    }
                    out.append('}')
                }
                is Iterable<*> -> {
                    out.append('[')
                    value.forEachIndexed { i, v -> if (i > 0) out.append(','); write(v, out) }
                    out.append(']')
                }
                else -> throw IllegalArgumentException("not a JSON value: ${value::class.java.name}")
            }
        }

        private fun quote(text: String, out: StringBuilder) {
            out.append('"')
            for (c in text) {
                when {
                    c == '"' -> out.append("\\\"")
                    c == '\\' -> out.append("\\\\")
                    c < ' ' -> out.append(String.format("\\u%04x", c.code))
                    else -> out.append(c)
                }
            }
            out.append('"')
        }
    }

    private fun fail(what: String): Nothing = throw SandboxException("the sandbox answered malformed JSON: $what at $at")

    private fun space() {
        while (at < text.length && text[at] in " \t\r\n") at++
    }

    private fun value(): Any? {
        space()
        if (at >= text.length) fail("the end")
        return when (text[at]) {
            '{' -> nested { obj() }
            '[' -> nested { array() }
            '"' -> string()
            't' -> word("true", true)
            'f' -> word("false", false)
            'n' -> word("null", null)
            else -> number()
        }
    }

    /** Parses a nested value, at most [MAX_DEPTH] deep (never a stack overflow). */
    private fun <T> nested(parse: () -> T): T {
        if (++depth > MAX_DEPTH) fail("nesting deeper than $MAX_DEPTH")
        return parse().also { depth-- }
    }

    private fun word(word: String, value: Any?): Any? {
        if (!text.startsWith(word, at)) fail("an unknown word")
        at += word.length
        return value
    }

    private fun obj(): Map<String, Any?> {
        val members = LinkedHashMap<String, Any?>()
        at++
        space()
        if (text.getOrNull(at) == '}') return members.also { at++ }
        while (true) {
            space()
            if (text.getOrNull(at) != '"') fail("a member without a name")
            val name = string()
            space()
            if (text.getOrNull(at) != ':') fail("no ':'")
            at++
            members[name] = value()
            space()
            when (text.getOrNull(at)) {
                ',' -> at++
                '}' -> return members.also { at++ }
                else -> fail("no ',' or '}'")
            }
        }
    }

    private fun array(): List<Any?> {
        val items = ArrayList<Any?>()
        at++
        space()
        if (text.getOrNull(at) == ']') return items.also { at++ }
        while (true) {
            items += value()
            space()
            when (text.getOrNull(at)) {
                ',' -> at++
                ']' -> return items.also { at++ }
                else -> fail("no ',' or ']'")
            }
        }
    }

    private fun string(): String {
        val out = StringBuilder()
        at++
        while (true) {
            val c = text.getOrNull(at++) ?: fail("an unterminated string")
            when (c) {
                '"' -> return out.toString()
                '\\' -> {
                    when (val e = text.getOrNull(at++)) {
                        '"', '\\', '/' -> out.append(e)
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000c')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            val hex = text.substring(at, minOf(at + 4, text.length))
                            if (hex.length != 4 || !hex.all { it in "0123456789abcdefABCDEF" }) fail("a bad \\u escape")
                            out.append(hex.toInt(16).toChar())
                            at += 4
                        }
                        else -> fail("a bad escape")
                    }
                }
                else -> if (c < ' ') fail("a control character in a string") else out.append(c)
            }
        }
    }

    private fun number(): Any {
        val match = NUMBER.matchAt(text, at) ?: fail("not a value")
        at = match.range.last + 1
        return match.value.toLongOrNull() ?: match.value.toBigDecimal()
    }
}
