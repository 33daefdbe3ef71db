// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DevUniversalResolver
/// @notice A small stand-in for the ENS UniversalResolver, for the offline dev chain only.
/// It implements exactly the two entry points viem 2.57 calls
/// (`resolveWithGateways` and `reverseWithGateways`) on top of its own record storage,
/// and reverts with the same custom errors as the real contract so that viem's
/// "null result" handling behaves as on mainnet.
contract DevUniversalResolver {
    // Errors with the same signatures as the real UniversalResolver.
    error DNSDecodingFailed(bytes dns);
    error ResolverNotFound(bytes name);
    error ReverseAddressMismatch(string primary, bytes primaryAddress);
    error UnsupportedResolverProfile(bytes4 selector);
    error NotOwner();
    error LengthMismatch();

    struct NameRecord {
        string name; // dotted, e.g. "alice.eth"
        address addr; // forward ETH address (address(0) = leave unset)
        bool setReverse; // also set addr's primary (reverse) name to `name`
        string[] keys; // text record keys
        string[] values; // text record values
    }

    bytes4 private constant ADDR = 0x3b3b57de; // addr(bytes32)
    bytes4 private constant ADDR_COIN = 0xf1cb7e06; // addr(bytes32,uint256)
    bytes4 private constant TEXT = 0x59d1d43c; // text(bytes32,string)
    uint256 private constant COIN_ETH = 60;

    address public owner;
    mapping(bytes32 => bool) public exists;
    mapping(bytes32 => address) private _addrs;
    mapping(bytes32 => mapping(string => string)) private _texts;
    mapping(address => string) private _primary;
    /// Text records built at read time: `unit` repeated `count` times (see setTextRepeat).
    mapping(bytes32 => mapping(string => Repeat)) private _repeats;

    struct Repeat {
        string unit;
        uint256 count;
    }

    event AddrChanged(bytes32 indexed node, address addr);
    event TextChanged(bytes32 indexed node, string key, string value);
    event NameChanged(address indexed addr, string name);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor() {
        owner = msg.sender;
    }

    // ------------------------------------------------------------------ setters

    function transferOwnership(address newOwner) external onlyOwner {
        owner = newOwner;
    }

    function setAddr(bytes32 node, address a) public onlyOwner {
        exists[node] = true;
        _addrs[node] = a;
        emit AddrChanged(node, a);
    }

    function setText(bytes32 node, string calldata key, string calldata value) public onlyOwner {
        exists[node] = true;
        _texts[node][key] = value;
        emit TextChanged(node, key, value);
    }

    /// @notice Sets the primary (reverse) name of `a`. The name is not checked against
    /// the forward record here; `reverseWithGateways` verifies it at read time.
    function setName(address a, string calldata name) public onlyOwner {
        _primary[a] = name;
        emit NameChanged(a, name);
    }

    /// @notice A text record computed when read: `unit` repeated `count` times (`count` 0 removes it).
    /// A resolver contract may build its answers however it likes, so a hostile name can answer
    /// with megabytes for the cost of a loop; this lets tests serve such records without writing
    /// megabytes to storage (which no block could hold).
    function setTextRepeat(bytes32 node, string calldata key, string calldata unit, uint256 count) external onlyOwner {
        exists[node] = true;
        _repeats[node][key] = Repeat(unit, count);
        emit TextChanged(node, key, unit);
    }

    /// @notice Batch setter used to seed many names in a few transactions.
    function setRecords(NameRecord[] calldata records) external onlyOwner {
        for (uint256 i = 0; i < records.length; i++) {
            NameRecord calldata r = records[i];
            if (r.keys.length != r.values.length) revert LengthMismatch();
            bytes32 node = namehash(r.name);
            exists[node] = true;
            if (r.addr != address(0)) {
                _addrs[node] = r.addr;
                emit AddrChanged(node, r.addr);
            }
            for (uint256 k = 0; k < r.keys.length; k++) {
                _texts[node][r.keys[k]] = r.values[k];
                emit TextChanged(node, r.keys[k], r.values[k]);
            }
            if (r.setReverse && r.addr != address(0)) {
                _primary[r.addr] = r.name;
                emit NameChanged(r.addr, r.name);
            }
        }
    }

    // ------------------------------------------------------------------ plain getters

    function addr(bytes32 node) external view returns (address) {
        return _addrs[node];
    }

    function text(bytes32 node, string calldata key) external view returns (string memory) {
        return _text(node, key);
    }

    function primaryName(address a) external view returns (string memory) {
        return _primary[a];
    }

    // ------------------------------------------------------------------ UniversalResolver entry points

    /// @notice Forward resolution. `name` is DNS-encoded, `data` is a resolver call
    /// (addr(bytes32), addr(bytes32,uint256) or text(bytes32,string)).
    function resolveWithGateways(bytes calldata name, bytes calldata data, string[] calldata /* gateways */ )
        external
        view
        returns (bytes memory, address)
    {
        bytes32 node = dnsNamehash(name);
        if (!exists[node]) revert ResolverNotFound(name);
        if (data.length < 36) revert UnsupportedResolverProfile(data.length >= 4 ? bytes4(data[:4]) : bytes4(0));
        bytes4 selector = bytes4(data[:4]);
        // Like a plain resolver, answer for the node carried in the call data.
        bytes32 callNode = bytes32(data[4:36]);

        if (selector == ADDR) {
            return (abi.encode(_addrs[callNode]), address(this));
        }
        if (selector == ADDR_COIN) {
            (, uint256 coinType) = abi.decode(data[4:], (bytes32, uint256));
            return (abi.encode(_addrBytes(callNode, coinType)), address(this));
        }
        if (selector == TEXT) {
            (, string memory key) = abi.decode(data[4:], (bytes32, string));
            return (abi.encode(_text(callNode, key)), address(this));
        }
        revert UnsupportedResolverProfile(selector);
    }

    /// @notice Reverse resolution with forward verification, like the real contract:
    /// a primary name whose forward address differs reverts `ReverseAddressMismatch`.
    function reverseWithGateways(bytes calldata lookupAddress, uint256 coinType, string[] calldata /* gateways */ )
        external
        view
        returns (string memory name, address resolver, address reverseResolver)
    {
        if (lookupAddress.length != 20 || !_isEvmCoinType(coinType)) {
            return ("", address(0), address(this));
        }
        address a = address(bytes20(lookupAddress));
        name = _primary[a];
        if (bytes(name).length == 0) return ("", address(0), address(this));

        bytes32 node = namehash(name);
        bytes memory forward = exists[node] ? _addrBytes(node, coinType) : bytes("");
        if (keccak256(forward) != keccak256(lookupAddress)) {
            revert ReverseAddressMismatch(name, forward);
        }
        return (name, address(this), address(this));
    }

    // ------------------------------------------------------------------ helpers

    function _text(bytes32 node, string memory key) private view returns (string memory) {
        Repeat storage r = _repeats[node][key];
        return r.count == 0 ? _texts[node][key] : _repeat(bytes(r.unit), r.count);
    }

    /// @notice `unit` repeated `count` times, by doubling what is already written (log2(count) copies).
    function _repeat(bytes memory unit, uint256 count) private pure returns (string memory) {
        uint256 total = unit.length * count;
        bytes memory out = new bytes(total);
        if (total == 0) return string(out);
        uint256 filled = unit.length;
        assembly {
            mcopy(add(out, 32), add(unit, 32), filled)
        }
        while (filled < total) {
            uint256 n = filled < total - filled ? filled : total - filled;
            assembly {
                mcopy(add(add(out, 32), filled), add(out, 32), n)
            }
            filled += n;
        }
        return string(out);
    }

    function _isEvmCoinType(uint256 coinType) private pure returns (bool) {
        // ETH (60), the default EVM coin type (0x80000000) and ENSIP-11 chain coin types.
        return coinType == COIN_ETH || (coinType >= 0x80000000 && coinType <= 0xffffffff);
    }

    function _addrBytes(bytes32 node, uint256 coinType) private view returns (bytes memory) {
        address a = _addrs[node];
        if (a == address(0) || !_isEvmCoinType(coinType)) return "";
        return abi.encodePacked(a);
    }

    /// @notice ENS namehash of a DNS-encoded name (length-prefixed labels, 0-terminated).
    function dnsNamehash(bytes calldata dns) public pure returns (bytes32 node) {
        uint256[] memory starts = new uint256[](dns.length);
        uint256 count = 0;
        uint256 i = 0;
        while (true) {
            if (i >= dns.length) revert DNSDecodingFailed(dns);
            uint256 len = uint8(dns[i]);
            if (len == 0) break;
            starts[count++] = i;
            i += len + 1;
        }
        if (i != dns.length - 1) revert DNSDecodingFailed(dns);
        for (uint256 k = count; k > 0; k--) {
            uint256 s = starts[k - 1];
            uint256 len = uint8(dns[s]);
            node = keccak256(abi.encodePacked(node, keccak256(dns[s + 1:s + 1 + len])));
        }
    }

    /// @notice ENS namehash of a dotted name ("alice.eth").
    function namehash(string memory name) public pure returns (bytes32 node) {
        bytes memory b = bytes(name);
        if (b.length == 0) return bytes32(0);
        uint256 end = b.length;
        // Walk the labels from the right.
        for (uint256 j = b.length; j > 0; j--) {
            if (b[j - 1] == ".") {
                node = keccak256(abi.encodePacked(node, _keccakSlice(b, j, end)));
                end = j - 1;
            }
        }
        node = keccak256(abi.encodePacked(node, _keccakSlice(b, 0, end)));
    }

    function _keccakSlice(bytes memory b, uint256 start, uint256 end) private pure returns (bytes32 h) {
        assembly {
            h := keccak256(add(add(b, 32), start), sub(end, start))
        }
    }
}
