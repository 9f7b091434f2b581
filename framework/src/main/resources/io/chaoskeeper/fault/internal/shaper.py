# chaoskeeper's packet shaper: netem's delay, jitter, loss, duplication and reordering in user space, for kernels
# built without sch_netem. It runs in a network helper (the node's network namespace, NET_ADMIN) and takes the
# packets that our iptables rules send to an NFQUEUE. Every packet gets a verdict: drop (loss), accept now
# (no delay, or reordered), or accept when its delay has passed (a heap ordered by release time, so jitter
# reorders packets as netem's does). A duplicate is the packet sent once more through a raw socket, marked so our
# rules let it by. It talks to the kernel through libnetfilter_queue (Debian's libnetfilter-queue1) with ctypes.
#
# usage: shaper.py QUEUE DELAY_US JITTER_US LOSS_PCT DUPLICATE_PCT REORDER_PCT MARK READY_FILE
# On SIGTERM it releases every held packet and exits, so healing loses nothing in flight.
import ctypes
import heapq
import os
import random
import select
import signal
import socket
import struct
import sys
import time

NF_DROP, NF_ACCEPT = 0, 1
NFQNL_COPY_META, NFQNL_COPY_PACKET = 1, 2
SO_MARK = 36
MAX_QUEUED = 65536


def main(argv):
    queue, delay_us, jitter_us = int(argv[0]), int(argv[1]), int(argv[2])
    loss, duplicate, reorder = float(argv[3]) / 100, float(argv[4]) / 100, float(argv[5]) / 100
    mark, ready_file = int(argv[6], 0), argv[7]

    lib = ctypes.CDLL("libnetfilter_queue.so.1", use_errno=True)
    lib.nfq_open.restype = ctypes.c_void_p
    lib.nfq_create_queue.restype = ctypes.c_void_p
    lib.nfq_create_queue.argtypes = [ctypes.c_void_p, ctypes.c_uint16, ctypes.c_void_p, ctypes.c_void_p]
    lib.nfq_set_mode.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32]
    lib.nfq_set_queue_maxlen.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    lib.nfq_fd.argtypes = [ctypes.c_void_p]
    lib.nfq_handle_packet.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.nfq_set_verdict.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32,
                                    ctypes.c_void_p]
    lib.nfq_get_msg_packet_hdr.restype = ctypes.c_void_p
    lib.nfq_get_msg_packet_hdr.argtypes = [ctypes.c_void_p]
    lib.nfq_get_payload.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.nfq_destroy_queue.argtypes = [ctypes.c_void_p]
    lib.nfq_close.argtypes = [ctypes.c_void_p]

    handle = lib.nfq_open()
    if not handle:
        fail("cannot open an nfnetlink queue handle (errno %d)" % ctypes.get_errno())
    lib.nfq_bind_pf(ctypes.c_void_p(handle), socket.AF_INET)

    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    raw.setsockopt(socket.SOL_SOCKET, SO_MARK, mark)  # our rules skip marked packets: a copy is not shaped again
    rng = random.Random()
    held = []  # (release at, arrival order, packet id, copy to send or None)
    order = [0]

    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                     ctypes.c_void_p)

    def on_packet(queue_handle, message, data, _):
        packet_id = struct.unpack("!I", ctypes.string_at(lib.nfq_get_msg_packet_hdr(data), 4))[0]
        if loss and rng.random() < loss:
            lib.nfq_set_verdict(queue_handle, packet_id, NF_DROP, 0, None)
            return 0
        copy = None
        if duplicate and rng.random() < duplicate:
            payload = ctypes.c_void_p()
            length = lib.nfq_get_payload(data, ctypes.byref(payload))
            if length > 0:
                copy = ctypes.string_at(payload, length)
        wait_us = delay_us + (rng.uniform(-jitter_us, jitter_us) if jitter_us else 0)
        if wait_us <= 0 or (reorder and rng.random() < reorder):
            release(queue_handle, packet_id, copy)
        else:
            order[0] += 1
            heapq.heappush(held, (time.monotonic() + wait_us / 1e6, order[0], packet_id, copy))
        return 0

    def release(queue_handle, packet_id, copy):
        lib.nfq_set_verdict(queue_handle, packet_id, NF_ACCEPT, 0, None)
        if copy is not None:
            try:
                raw.sendto(copy, (socket.inet_ntoa(copy[16:20]), 0))
            except OSError:
                pass  # a lost duplicate is a lost packet, which the fault allows

    callback = callback_type(on_packet)
    queue_handle = lib.nfq_create_queue(ctypes.c_void_p(handle), queue, callback, None)
    if not queue_handle:
        fail("cannot bind NFQUEUE %d (errno %d): another shaper holds it, or NET_ADMIN is missing"
             % (queue, ctypes.get_errno()))
    if lib.nfq_set_mode(queue_handle, NFQNL_COPY_PACKET if duplicate else NFQNL_COPY_META, 0xffff) < 0:
        fail("cannot set the queue's copy mode (errno %d)" % ctypes.get_errno())
    lib.nfq_set_queue_maxlen(queue_handle, MAX_QUEUED)

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    fd = lib.nfq_fd(ctypes.c_void_p(handle))
    wakeup, wakeup_writer = os.pipe()  # a signal wakes select at once (PEP 475 would resume it otherwise)
    os.set_blocking(wakeup_writer, False)
    signal.set_wakeup_fd(wakeup_writer)
    buffer = ctypes.create_string_buffer(0x20000)
    with open(ready_file, "w") as ready:
        ready.write(str(os.getpid()))

    while not stopping:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else 0.5
        try:
            readable, _, _ = select.select([fd, wakeup], [], [], timeout)
        except InterruptedError:
            continue
        if fd in readable:
            try:
                size = os.readv(fd, [buffer])
            except BlockingIOError:
                size = 0
            except OSError as e:
                # ENOBUFS: the kernel dropped messages because we fell behind; the packets are lost, go on
                print("shaper: receive failed: %s" % e, file=sys.stderr, flush=True)
                size = 0
            if size > 0:
                lib.nfq_handle_packet(ctypes.c_void_p(handle), buffer, size)
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, _, packet_id, copy = heapq.heappop(held)
            release(queue_handle, packet_id, copy)

    while held:
        _, _, packet_id, copy = heapq.heappop(held)
        release(queue_handle, packet_id, copy)
    lib.nfq_destroy_queue(queue_handle)
    lib.nfq_close(ctypes.c_void_p(handle))


def fail(sentence):
    print("shaper: " + sentence, file=sys.stderr, flush=True)
    sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
