// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DevSmartAccount - the simplest ERC-1271 smart account, for the dev chain only.
/// @notice One owner EOA. `isValidSignature(hash, signature)` accepts a 65-byte ECDSA signature
/// (r, s, v) by the owner over `hash` itself: no EIP-191 or EIP-712 wrapping inside the contract.
/// XMTP hands the contract `eip191_hash_message(text)`, so the owner's ordinary `personal_sign`
/// of the text is what this account accepts. (Production accounts differ: Coinbase Smart Wallet,
/// Safe and others verify a replay-safe, EIP-712-wrapped hash of `hash` instead.)
contract DevSmartAccount {
    bytes4 internal constant MAGIC_VALUE = 0x1626ba7e; // bytes4(keccak256("isValidSignature(bytes32,bytes)"))
    bytes4 internal constant INVALID = 0xffffffff;
    /// secp256k1n / 2: a higher s is the malleable twin of a valid signature.
    uint256 internal constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    address public immutable owner;

    event Executed(address indexed to, uint256 value, bytes data);

    constructor(address owner_) {
        require(owner_ != address(0), "DevSmartAccount: no owner");
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) return INVALID;
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) v += 27;
        if (v != 27 && v != 28) return INVALID;
        if (uint256(s) > HALF_N) return INVALID;
        address signer = ecrecover(hash, v, r, s);
        return signer != address(0) && signer == owner ? MAGIC_VALUE : INVALID;
    }

    /// The owner acts through the account (so it can hold and send funds like a real one).
    function execute(address to, uint256 value, bytes calldata data) external returns (bytes memory result) {
        require(msg.sender == owner, "DevSmartAccount: not the owner");
        bool ok;
        (ok, result) = to.call{value: value}(data);
        require(ok, "DevSmartAccount: call failed");
        emit Executed(to, value, data);
    }

    receive() external payable {}
}
