// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title HostileToken - an ERC-20 look-alike whose metadata says whatever its maker chose.
/// A token is a stranger's contract: `symbol()` may be markup, bidi tricks or a kilobyte of text,
/// and `decimals()` any number (declared uint256 here, so values past uint8 reach the caller).
/// Everyone holds plenty and every transfer "succeeds" without moving anything: the point is what
/// a wallet or widget shows, not the money.
contract HostileToken {
    string private _symbol;
    uint256 private _decimals;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(string memory symbol_, uint256 decimals_) {
        _symbol = symbol_;
        _decimals = decimals_;
    }

    function symbol() external view returns (string memory) {
        return _symbol;
    }

    function decimals() external view returns (uint256) {
        return _decimals;
    }

    function balanceOf(address) external pure returns (uint256) {
        return type(uint256).max / 2;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        emit Transfer(msg.sender, to, value);
        return true;
    }
}

/// @title HostileTokenFactory - makes HostileTokens in batches, so a test can have many at once.
contract HostileTokenFactory {
    event Made(uint256 indexed index, address token);

    address[] public tokens;

    /// @notice One token per (symbol, decimals) pair; emits Made for each, in order.
    function make(string[] calldata symbols, uint256[] calldata decimals_) external returns (address[] memory made) {
        require(symbols.length == decimals_.length, "length mismatch");
        made = new address[](symbols.length);
        for (uint256 i = 0; i < symbols.length; i++) {
            HostileToken token = new HostileToken(symbols[i], decimals_[i]);
            made[i] = address(token);
            emit Made(tokens.length, address(token));
            tokens.push(address(token));
        }
    }

    function count() external view returns (uint256) {
        return tokens.length;
    }
}
