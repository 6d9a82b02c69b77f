// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "sw",
    products: [
        .executable(name: "sw", targets: ["Switcher"]),
        .library(name: "ProfileIndex", targets: ["ProfileIndex"]),
        .library(name: "ShellHooks", targets: ["ShellHooks"]),
        .library(name: "ProfileSearch", targets: ["ProfileSearch"]),
        // The picker's ranking benchmark: not part of what is installed.
        .executable(name: "sw-bench", targets: ["SwBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Runs `aws sso login`. On Linux it imports FoundationEssentials only (not Foundation).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CReadline",
            pkgConfig: "readline",
            providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
        ),
        // Pure: bytes and environment in, model out. No printing, no processes.
        .target(
            name: "ProfileIndex",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // Pure: shells, quoting, rendering an environment change, init scripts.
        .target(name: "ShellHooks"),
        // Pure: the picker's fuzzy ranking, frecency and the history file's format.
        .target(name: "ProfileSearch"),
        .executableTarget(
            name: "Switcher",
            dependencies: [
                "ProfileIndex",
                "ProfileSearch",
                "ShellHooks",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            // sw runs on every switch and may run on every prompt, so the release build is one
            // static executable: no dynamic loader, no relocations of libstdc++/libreadline at
            // startup (`sw current --format %p`: 3.0 ms -> 1.8 ms, 11.6M -> 8.8M instructions).
            // libreadline.a needs libtinfo (tputs, tgetent) named after it in a static link.
            // getpwnam/getpwuid (only for `~user` and a missing HOME) still load glibc's NSS
            // modules at run time, which every glibc system has.
            // A build id lets sw's index cache (IndexCache) tell its own snapshots from another build's.
            // `-static-stdlib` when compiling makes the compiler read the Swift modules of the
            // static resource dir (lib/swift_static), whose FoundationEssentials names the static
            // libraries it needs (_FoundationCollections, _FoundationCShims) for the linker; without
            // it a plain `swift build -c release` fails to link (what `--static-swift-stdlib`
            // does for every target). Both commands then give the same static executable.
            swiftSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
            ],
            linkerSettings: [
                .unsafeFlags(["-static-executable", "-Xlinker", "-ltinfo"], .when(platforms: [.linux], configuration: .release)),
                .unsafeFlags(["-Xlinker", "--build-id=sha1"], .when(platforms: [.linux])),
            ]
        ),
        // Times the picker's ranking per keystroke; lives with the benchmark scripts, outside the
        // shipped executable (bench/run.sh). Linked like sw (static in release), so that it times
        // the ranking as sw runs it: calls into libc and the Swift runtime cost more through a
        // dynamic loader's tables.
        .executableTarget(
            name: "SwBench",
            dependencies: ["ProfileIndex", "ProfileSearch"],
            path: "bench/Sources/SwBench",
            swiftSettings: [
                .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
            ],
            linkerSettings: [
                .unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        .testTarget(
            name: "ProfileIndexTests",
            dependencies: [
                "ProfileIndex",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Conformance", "Oracle", "DoctorFixtures"]
        ),
        // Shared by the test targets: temporary homes, the one way to start a program, a fixed
        // clock, hostile strings for quoting tests, a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ShellHooksTests", dependencies: ["ShellHooks", "TestSupport"]),
        .testTarget(name: "ProfileSearchTests", dependencies: ["ProfileSearch", "TestSupport"]),
        .testTarget(name: "SwitcherTests", dependencies: [
            "Switcher", "ProfileIndex", "ProfileSearch", "ShellHooks", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["Export/fake_aws.py"]),
    ],
    swiftLanguageModes: [.v6]
)
