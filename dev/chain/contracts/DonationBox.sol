// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DonationBox - a plain contract that accepts ETH (a "tipped a contract by mistake" target).
contract DonationBox {
    event Donated(address indexed from, uint256 amount);

    uint256 public totalDonated;

    receive() external payable {
        totalDonated += msg.value;
        emit Donated(msg.sender, msg.value);
    }
}
