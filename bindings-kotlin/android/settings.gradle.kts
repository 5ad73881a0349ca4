// The Android library project of the Kotlin binding; build-aar.sh runs it
// after generating library/src/main/{jniLibs,kotlin}.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "latipay-android"
include(":library")
