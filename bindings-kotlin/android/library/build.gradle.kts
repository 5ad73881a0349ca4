// The AAR: generated Kotlin sources plus liblatipay_kotlin.so per ABI, both
// written by ../build-aar.sh (never edited, not committed).
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.2.21"
}

android {
    namespace = "io.latipay"
    compileSdk = 35
    defaultConfig {
        minSdk = (findProperty("minSdk") as String?)?.toInt() ?: 21
        consumerProguardFiles("consumer-rules.pro")
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_11
        targetCompatibility = JavaVersion.VERSION_11
    }
}

kotlin {
    compilerOptions { jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_11) }
}

dependencies {
    // The AAR form of JNA carries its own native dispatch library per ABI.
    implementation("net.java.dev.jna:jna:5.18.1@aar")
    // The generated code marks its SystemCleaner use (API 34+) with @RequiresApi.
    implementation("androidx.annotation:annotation:1.9.1")
    // AsyncLatipayClient's suspend functions (api: its signatures use coroutine types).
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.10.2")
}
