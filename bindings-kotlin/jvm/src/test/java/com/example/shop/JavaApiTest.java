// The library as a Java caller in a package of its own sees it: the README's Java examples,
// checked exceptions declared where they are thrown, the public package free of generated code.
package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.latipay.*;
import io.latipay.sandbox.LatipaySandbox;
import io.latipay.sandbox.LatipaySandboxExtension;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LatipaySandboxExtension.class)
class JavaApiTest {
    private static final Path WORKSPACE = Paths.get(System.getProperty("latipay.workspace", "..")).toAbsolutePath().normalize();

    @Test
    void everyJavaExampleOfTheReadmeIsWrittenHereAsThere() throws IOException {
        List<String> here = new ArrayList<>();
        try (Stream<Path> files = Files.walk(WORKSPACE.resolve("bindings-kotlin/jvm/src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                here.addAll(significant(Files.readAllLines(file)));
            }
        }
        String readme = Files.readString(WORKSPACE.resolve("bindings-kotlin/README.md"));
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            List<String> lines = significant(Arrays.asList(block.group(1).split("\n")));
            assertTrue(Collections.indexOfSubList(here, lines) >= 0, "not written here as in the README:\n" + block.group(1));
        }
        assertEquals(3, blocks, "the README's Java examples");
    }

    @Test
    void signsTheSpecsVectors() throws Exception {
        JsonObject vectors = vectors("signatures.json");
        String key = vectors.get("api_key").getAsString();
        int sorted = 0;
        for (JsonElement element : vectors.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            if (!"sorted".equals(c.get("rule").getAsString()) || !c.get("valid").getAsBoolean()) continue;
            Map<String, String> params = new HashMap<>();
            for (Map.Entry<String, JsonElement> p : c.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().isJsonNull() ? null : p.getValue().getAsString());
            }
            String signature = Latipay.sign(params, key);
            assertEquals(c.get("signature").getAsString(), signature, c.get("name").getAsString());
            assertTrue(Latipay.verifySorted(params, key, signature));
            sorted++;
        }
        assertTrue(sorted >= 2, "sorted-rule vectors read: " + sorted);
    }

    @Test
    void theReadmesHandlerTakesTheDocumentedNotificationAndRefusesAForgedOne() throws Exception {
        JsonObject documented = documentedNotification();
        byte[] body = documented.get("body").getAsString().getBytes(StandardCharsets.UTF_8);
        String key = documented.get("api_key").getAsString();

        Notifications.Order order = new Notifications.Order("dsi39ej430sks03", "alipay", "NZD", "120.00");
        assertEquals("sent", Notifications.onNotification(body, order, key));
        assertEquals("paid", order.status());
        assertEquals(documented.getAsJsonObject("expect").get("pay_time_raw").getAsString(),
                Latipay.verifyNotification(body, key).getPayTimeRaw());

        Notifications.Order cheaper = new Notifications.Order("dsi39ej430sks03", "alipay", "NZD", "12.00");
        assertEquals("sent", Notifications.onNotification(body, cheaper, key));
        assertEquals("pending", cheaper.status(), "a payment of another amount moves nothing");

        byte[] forged = new String(body, StandardCharsets.UTF_8).replace("120.00", "1.00").getBytes(StandardCharsets.UTF_8);
        try {
            Notifications.onNotification(forged, new Notifications.Order("dsi39ej430sks03", "alipay", "NZD", "1.00"), key);
            fail("a forged notification was taken");
        } catch (LatipayException.InvalidSignature e) {
            assertEquals(LatipayException.INVALID_SIGNATURE, e.getCode());
            assertEquals("notification", e.getWhat());
        }
    }

    @Test
    void theReadmesPaymentsAgainstTheSandbox(LatipaySandbox sandbox) throws Exception {
        String reference = "java-" + UUID.randomUUID();
        try (Payments payments = new Payments(sandbox.getUrl())) {
            String payAt = payments.checkout(reference, "120.00", "http://127.0.0.1:9/notify");
            assertTrue(payAt.startsWith(sandbox.getUrl()), payAt);
            assertEquals("pending", payments.status(reference).getStatus());

            sandbox.pay(reference);
            Payment paid = payments.status(reference);
            assertEquals(Arrays.asList("paid", "120.00", "NZD", "alipay"),
                    Arrays.asList(paid.getStatus(), paid.getAmount(), paid.getCurrency(), paid.getPaymentMethod()));
            assertTrue(paid.matches(reference, "alipay", "NZD", "120.0"));

            assertEquals("refunded", Refunds.refundOrExplain(payments, paid, "20.00"));
            assertEquals("more than is left to refund", Refunds.refundOrExplain(payments, paid, "200.00"));
            LatipayException.Api tooMuch = assertThrows(LatipayException.Api.class, () -> payments.refund(paid, "200.00"));
            assertEquals(550L, tooMuch.getApiCode());
            assertEquals(LatipayException.API_ERROR, tooMuch.getCode());
        }
    }

    @Test
    void theClientsOtherCallsFromJava(LatipaySandbox sandbox) throws Exception {
        ClientConfig config = new ClientConfig(sandbox.getMerchant().getUserId(), sandbox.getMerchant().getWalletId(),
                new ApiKey(sandbox.getMerchant().getApiKey()), null, sandbox.getUrl());
        List<Attempt> attempts = new ArrayList<>();
        try (LatipayClient client = new LatipayClient(ClientConfig.builder()
                .userId(config.getUserId()).walletId(config.getWalletId()).apiKey(config.getApiKey())
                .baseUrl(config.getBaseUrl()).maxRetries(0).onAttempt(attempts::add).build())) {
            String reference = "java-" + UUID.randomUUID();
            client.barcode(new BarcodePayment(reference, "8.50", "134588558514585069"));
            assertEquals("paid", client.query(reference, true).getStatus());
            assertEquals(200, attempts.get(attempts.size() - 1).getStatus());

            String unpaid = "java-" + UUID.randomUUID();
            client.createTransaction(new CreateTransaction(unpaid, "4.00", "wechat", "Flat white",
                    "http://127.0.0.1:9/notify", "122.122.122.1", "https://shop.example/return"));
            client.cancel(unpaid);
            assertEquals("canceled", client.query(unpaid).getStatus());
        }
    }

    @Test
    void aLatipayExceptionIsCaughtAroundConstructorsAndBuilders() {
        try {
            new ApiKey("");
            fail("an empty key was taken");
        } catch (LatipayException e) {
            assertEquals("invalid_argument", e.getCode());
        }
        try {
            new LatipayClient(ClientConfig.builder().userId("U1").walletId("W1").apiKey(new ApiKey("k"))
                    .environment("moon").build());
            fail("an unknown environment was taken");
        } catch (LatipayException.InvalidArgument e) {
            assertEquals("environment", e.getField());
        } catch (LatipayException e) {
            fail("not InvalidArgument: " + e);
        }
        try {
            new Credentials("U1", "W1", " spaced ");
            fail("a key with spaces was taken");
        } catch (LatipayException e) {
            assertFalse(e.getMessage().contains("spaced"), e.getMessage());
        }
        LatipayException.InvalidArgument missing = assertThrows(LatipayException.InvalidArgument.class,
                () -> CreateTransaction.builder().merchantReference("r").amount("1.00").build());
        assertEquals("payment_method", missing.getField());
    }

    @Test
    void everythingThatThrowsDeclaresIt() throws Exception {
        Set<String> undeclared = new TreeSet<>();
        List<Executable> throwing = new ArrayList<>();
        for (Class<?> type : Arrays.asList(ApiKey.class, Credentials.class, LatipayClient.class)) {
            throwing.addAll(Arrays.asList(type.getConstructors()));
        }
        for (Method m : LatipayClient.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Arrays.asList("userId", "walletId", "baseUrl", "close", "toString").contains(m.getName())) {
                throwing.add(m);
            }
        }
        for (Method m : Latipay.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Arrays.asList("transition", "verifySorted", "verifyConcat").contains(m.getName())) {
                throwing.add(m);
            }
        }
        throwing.add(ClientConfig.Builder.class.getMethod("build"));
        throwing.add(CreateTransaction.Builder.class.getMethod("build"));
        throwing.add(Payment.class.getMethod("matches", String.class, String.class, String.class, String.class));
        throwing.add(Redirect.class.getMethod("matches", String.class, String.class, String.class, String.class));
        for (Executable e : throwing) {
            if (!Arrays.asList(e.getExceptionTypes()).contains(LatipayException.class)) undeclared.add(e.toString());
        }
        assertTrue(throwing.size() > 30, "methods checked: " + throwing.size());
        assertEquals(new TreeSet<>(), undeclared);
    }

    @Test
    void thePublicPackageHoldsOnlyTheHandWrittenApi() throws Exception {
        Path location = Paths.get(LatipayClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> topLevel;
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location, (ClassLoader) null);
             Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/")).resolve("io/latipay"))) {
            topLevel = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> {
                        try {
                            return Modifier.isPublic(Class.forName("io.latipay." + n).getModifiers());
                        } catch (ClassNotFoundException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(Arrays.asList(
                "ApiKey", "AsyncLatipayClient", "Attempt", "AttemptListener", "BarcodeAccepted", "BarcodePayment",
                "CheckedAmount", "ClientConfig", "CreateTransaction", "CreatedTransaction", "Credentials", "GatewayData",
                "Latipay", "LatipayClient", "LatipayException", "OutcomeFields", "Payment", "Redirect", "Refund",
                "SignedRequest", "Transition")), topLevel);
        assertFalse(AutoCloseable.class.isAssignableFrom(ApiKey.class), "an ApiKey has nothing to close");
        assertFalse(AutoCloseable.class.isAssignableFrom(Credentials.class), "Credentials have nothing to close");
        assertTrue(Modifier.isStatic(Latipay.class.getField("NOTIFICATION_ACK").getModifiers()));
        // Nothing a Java caller can reach hands out or takes a generated type.
        for (String name : topLevel) {
            Class<?> type = Class.forName("io.latipay." + name);
            for (java.lang.reflect.Method method : type.getMethods()) {
                if (method.isSynthetic()) continue;
                List<Class<?>> types = new ArrayList<>(Arrays.asList(method.getParameterTypes()));
                types.add(method.getReturnType());
                for (Class<?> used : types) {
                    assertFalse(used.getName().startsWith("io.latipay.internal."), type.getName() + "." + method.getName() + " uses " + used.getName());
                }
            }
        }
        // Only the library makes a Payment or a Redirect: a request's own fields cannot pass for one.
        // (Kotlin's synthetic accessor constructor is public, but javac refuses to call it.)
        for (Class<?> verified : Arrays.asList(Payment.class, Redirect.class)) {
            assertEquals(0, Arrays.stream(verified.getConstructors()).filter(c -> !c.isSynthetic()).count(), verified.getName());
        }
    }

    @Test
    void noToStringShowsTheKey() throws Exception {
        String key = "s3cr3t-java";
        ClientConfig config = ClientConfig.builder().userId("U1").walletId("W1").apiKey(new ApiKey(key))
                .proxy("http://user:pr0xy-pw@proxy.corp:3128").build();
        for (Object shown : Arrays.asList(config, config.getApiKey(), new Credentials("U1", "W1", key))) {
            assertFalse(shown.toString().contains(key), shown.toString());
            assertFalse(shown.toString().contains("pr0xy-pw"), shown.toString());
        }
        assertTrue(config.toString().contains("proxy.corp:3128"), config.toString());
    }

    private static JsonObject documentedNotification() throws IOException {
        for (JsonElement c : vectors("notifications.json").getAsJsonArray("cases")) {
            if ("documented example".equals(c.getAsJsonObject().get("name").getAsString())) return c.getAsJsonObject();
        }
        throw new AssertionError("no documented example in notifications.json");
    }

    private static JsonObject vectors(String name) throws IOException {
        return JsonParser.parseString(Files.readString(WORKSPACE.resolve("tests/vectors/" + name))).getAsJsonObject();
    }

    /** The lines that count when comparing code: trimmed, without blanks and imports. */
    private static List<String> significant(List<String> lines) {
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("import "))
                .collect(Collectors.toList());
    }
}
