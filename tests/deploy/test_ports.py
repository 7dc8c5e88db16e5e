"""Ports for test and stack servers are picked below the kernel's ephemeral range, where an outgoing
connection could take a port between the check and the server's bind."""

from __future__ import annotations

import socket

from deploy.stack import ephemeral_ports, free_port_run, port_is_free


def test_free_ports_come_from_below_the_ephemeral_range_and_are_free():
    low, high = ephemeral_ports()
    assert 1024 <= low < high
    for _ in range(20):
        base = free_port_run(3)
        assert base >= 20000 and base + 2 < low
        assert all(port_is_free(base + i) for i in range(3))


def test_a_taken_port_is_not_free():
    with socket.socket() as s:
        s.bind(("127.0.0.1", free_port_run(1)))
        s.listen()
        assert not port_is_free(s.getsockname()[1])
