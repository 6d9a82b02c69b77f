/// The console page a `--destination` names, checked to be one: sw puts it in a link that signs
/// the user in first, so anything but an AWS console page would make sw an open redirect.
struct ConsoleDestination: Equatable, Sendable {
    var address: HTTPSAddress
    /// The partition whose console serves the page; a session of another partition cannot open it.
    var partition: ConsolePartition

    /// The URL as it goes into the link (scheme and host in lower case).
    var text: String { address.text }

    /// What `--destination` accepts, for help and messages.
    static let accepted = "an https URL on an AWS console host: console.aws.amazon.com or a name under it "
        + "(us-west-2.console.aws.amazon.com, s3.console.aws.amazon.com), console.amazonaws-us-gov.com (GovCloud) "
        + "or console.amazonaws.cn (China), or a name under those; no user name, no port"

    /// The destination, or why it is refused.
    static func parse(_ text: String) -> Result<ConsoleDestination, Refusal> {
        switch HTTPSAddress.parse(text) {
        case .failure(let problem):
            return .failure(Refusal(reason: problem.reason))
        case .success(let address):
            guard let partition = ConsolePartition.allCases.first(where: { address.isHost(inDomain: $0.consoleDomain) }) else {
                return .failure(Refusal(reason: "\(address.host) is not an AWS console host"))
            }
            return .success(ConsoleDestination(address: address, partition: partition))
        }
    }

    struct Refusal: Error, Equatable {
        var reason: String

        /// The whole message: the value itself is not repeated, it may hold anything.
        var message: String { "--destination is refused: \(reason); it takes \(ConsoleDestination.accepted)" }
    }
}
