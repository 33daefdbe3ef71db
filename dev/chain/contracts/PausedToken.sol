// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title PausedToken - an ERC-20 whose transfers always revert, for failed-tip tests.
/// Minting still works so accounts can hold a balance they cannot move.
contract PausedToken is ERC20, Ownable {
    constructor() ERC20("Paused Token", "PAUSE") Ownable(msg.sender) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        // Mints (from == 0) and burns (to == 0) pass; every transfer / transferFrom reverts.
        require(from == address(0) || to == address(0), "PausedToken: transfers are paused");
        super._update(from, to, value);
    }
}
