// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "fieldnotes",
    products: [
        .executable(name: "fieldnotes", targets: ["fieldnotes"]),
        .library(name: "FieldnotesKit", targets: ["FieldnotesKit"]),
    ],
    targets: [
        .target(name: "FieldnotesKit"),
        .executableTarget(name: "fieldnotes", dependencies: ["FieldnotesKit"]),
        .testTarget(
            name: "FieldnotesKitTests",
            dependencies: ["FieldnotesKit", "fieldnotes"],
            exclude: ["Fixtures"]
        ),
    ]
)
