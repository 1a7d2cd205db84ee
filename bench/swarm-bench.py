#!/usr/bin/python3
"""Piecewise's macro benchmark: one loopback swarm, several downloaders measured side by side.

An opentracker, a libtorrent seeder and an aria2 seeder serve a generated payload on 127.0.0.1. Each downloader
(Piecewise in batch mode, aria2, libtorrent) downloads it in turn, N times, interleaved; each run is checked byte for
byte against the payload. Printed per run and as medians: wall seconds (start of the process to its exit, the
download complete and verified), MiB/s, CPU seconds per GiB of the process and its children (getrusage through
wait4), peak anonymous RSS (RssAnon of the process tree, sampled every 50 ms), the seeders' CPU, and ratios to the
best.

Run it with the system interpreter (python3-libtorrent is installed for it): /usr/bin/python3 bench/swarm-bench.py
See bench/README.md.
"""
import argparse
import hashlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB = 1 << 20
GIB = 1 << 30
DOWNLOADERS = ("piecewise", "aria2", "libtorrent")


def libtorrent_settings(port):
    """Loopback settings shared by the libtorrent seeder and downloader: plain TCP, no discovery."""
    import libtorrent as lt
    return {
        "listen_interfaces": f"127.0.0.1:{port}",
        "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "allow_multiple_connections_per_ip": True,  # every peer here is 127.0.0.1
        "out_enc_policy": lt.enc_policy.disabled, "in_enc_policy": lt.enc_policy.pe_enabled,
        "alert_mask": 0,
    }


def lt_seed(args):
    import libtorrent as lt
    session = lt.session(libtorrent_settings(args.port))
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.dir
    params.flags |= lt.torrent_flags.seed_mode
    session.add_torrent(params)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(3600)


def lt_download(args):
    import libtorrent as lt
    session = lt.session(libtorrent_settings(args.port))
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.dir
    handle = session.add_torrent(params)
    deadline = time.monotonic() + args.timeout
    while not handle.status().is_seeding:  # every piece downloaded and hash-checked
        if time.monotonic() > deadline:
            sys.exit("libtorrent: timed out")
        time.sleep(0.02)
    session.remove_torrent(handle)


def free_port():
    with socket.socket() as tcp, socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        tcp.bind(("127.0.0.1", 0))
        port = tcp.getsockname()[1]
        udp.bind(("127.0.0.1", port))
        return port


def wait_listening(port, process, what, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{what} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{what} did not listen on {port} within {timeout} s")


def make_payload(work, size):
    path = os.path.join(work, "payload", f"payload-{size}.bin")
    if os.path.exists(path) and os.path.getsize(path) == size:
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    print(f"generating {size / MIB:.0f} MiB of random payload ...", file=sys.stderr)
    with open(path + ".part", "wb") as out:
        left = size
        while left:
            chunk = os.urandom(min(left, 8 * MIB))
            out.write(chunk)
            left -= len(chunk)
    os.replace(path + ".part", path)
    return path


def make_torrent(payload, piece_size, announce, out):
    import libtorrent as lt
    files = lt.file_storage()
    lt.add_files(files, payload)
    creator = lt.create_torrent(files, piece_size, lt.create_torrent.v1_only)
    creator.add_tracker(announce)
    lt.set_piece_hashes(creator, os.path.dirname(payload))
    data = lt.bencode(creator.generate())
    with open(out, "wb") as f:
        f.write(data)
    return lt.torrent_info(out).info_hashes().v1.to_bytes().hex()


def proc_children(pid):
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def anon_rss_kib(pid):
    """RssAnon of a process and its descendants, in KiB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        total += int(line.split()[1])
        except OSError:
            continue
        stack += proc_children(current)
    return total


def cpu_seconds(pid):
    """User plus system CPU of a live process (its own threads), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def measure(argv, env, timeout, log):
    """Runs argv to its exit; returns (exit code, wall s, CPU s of its tree, of which system, peak anon RSS MiB)."""
    start = time.monotonic()
    process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], anon_rss_kib(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    killer.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    killer.cancel()
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_stime, peak[0] / 1024


def downloader_argv(name, torrent, out, work, port, timeout, launcher):
    if name.startswith("piecewise"):
        data = os.path.join(work, "pw-data")
        shutil.rmtree(data, ignore_errors=True)
        return [launcher, "--data", data, "--port", str(port), "--bind", "127.0.0.1",
                "-c", f"add {torrent} --dir {out}; wait"]
    if name == "aria2":
        return ["aria2c", "-d", out, "--seed-time=0", "--listen-port", str(port), "--enable-dht=false",
                "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-min-crypto-level=plain", "--bt-require-crypto=false", "--console-log-level=warn",
                "--summary-interval=0", "--check-integrity=false", torrent]
    if name == "libtorrent":
        return [sys.executable, os.path.abspath(__file__), "lt-download", "--torrent", torrent, "--dir", out,
                "--port", str(port), "--timeout", str(timeout)]
    sys.exit(f"unknown downloader {name}")


def same_file(a, b):
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(8 * MIB), fb.read(8 * MIB)
            if x != y:
                return False
            if not x:
                return True


class Swarm:
    """opentracker plus a libtorrent and an aria2 seeder on 127.0.0.1, for the whole benchmark."""

    def __init__(self, work, payload, piece_size):
        self.processes = []
        self.work = work
        tracker_port = free_port()
        self.torrent = os.path.join(work, "bench.torrent")
        info_hash = make_torrent(payload, piece_size, f"http://127.0.0.1:{tracker_port}/announce", self.torrent)
        root = os.path.join(work, "tracker")
        os.makedirs(root, exist_ok=True)
        os.chmod(work, 0o755)
        os.chmod(root, 0o755)
        with open(os.path.join(root, "whitelist.txt"), "w") as f:  # Debian's opentracker serves listed torrents only
            f.write(info_hash + "\n")
        config = os.path.join(work, "opentracker.conf")
        with open(config, "w") as f:
            f.write(f"access.whitelist whitelist.txt\ntracker.rootdir {root}\n")
        self.tracker = self.start("opentracker", ["opentracker", "-f", config, "-i", "127.0.0.1",
                                                  "-p", str(tracker_port), "-P", str(tracker_port)], tracker_port)
        seed_dir = os.path.dirname(payload)
        lt_port = free_port()
        self.seeders = [self.start("libtorrent seeder", [sys.executable, os.path.abspath(__file__), "lt-seed",
                                                         "--torrent", self.torrent, "--dir", seed_dir,
                                                         "--port", str(lt_port)], lt_port)]
        aria_port = free_port()
        self.seeders.append(self.start("aria2 seeder", [
            "aria2c", "-d", seed_dir, "--seed-ratio=0.0", "--bt-seed-unverified=true", "--check-integrity=false",
            "--listen-port", str(aria_port), "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
            "--enable-peer-exchange=false", "--bt-min-crypto-level=plain", "--bt-require-crypto=false",
            "--bt-max-peers=0", "--bt-tracker-interval=1", "--console-log-level=warn", "--summary-interval=0",
            self.torrent], aria_port))
        time.sleep(1.5)  # both seeders announce before the first downloader does

    def start(self, what, argv, port):
        log = open(os.path.join(self.work, what.replace(" ", "-") + ".log"), "w")
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        wait_listening(port, process, what)
        return process

    def seeders_cpu(self):
        return sum(cpu_seconds(p.pid) for p in self.seeders)

    def close(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def bench(args):
    names = args.downloaders.split(",")
    variants = {label: (os.path.join(REPO, "piecewise"), opts)
                for label, opts in (v.split("=", 1) for v in args.piecewise_variant)}
    variants.update({label: (os.path.abspath(launcher), "")
                     for label, launcher in (v.split("=", 1) for v in args.piecewise_launcher)})
    names += [f"piecewise[{label}]" for label in variants]
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    payload = make_payload(work, args.size_mib * MIB)
    swarm = Swarm(work, payload, args.piece_kib * 1024)
    results = {name: [] for name in names}
    try:
        # Unmeasured first: the swarm's first download is slow for whoever runs it (the seeders warm up). Then each
        # repetition starts one downloader later, so that no downloader always runs right after the same one.
        plan = [(0, names[0])] * args.warmup
        for repetition in range(1, args.repeat + 1):
            shift = (repetition - 1) % len(names)
            plan += [(repetition, name) for name in names[shift:] + names[:shift]]
        for repetition, name in plan:
            out = os.path.join(work, "out")
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            subprocess.run(["sync"], check=True)  # the last run's dirty pages are not this run's cost
            env = dict(os.environ)
            launcher = os.path.join(REPO, "piecewise")
            if name.startswith("piecewise["):
                launcher, env["PIECEWISE_JAVA_OPTS"] = variants[name[len("piecewise["):-1]]
            argv = downloader_argv(name.split("[")[0], swarm.torrent, out, work, free_port(), args.timeout,
                                   launcher)
            seeders_before = swarm.seeders_cpu()
            with open(os.path.join(work, f"{name}-{repetition}.log"), "w") as log:
                code, wall, cpu, system, rss = measure(argv, env, args.timeout, log)
            seeders = swarm.seeders_cpu() - seeders_before
            ok = code == 0 and same_file(os.path.join(out, os.path.basename(payload)), payload)
            gib = args.size_mib / 1024
            row = dict(wall=wall, mibs=args.size_mib / wall, cpu_gib=cpu / gib, sys_gib=system / gib, rss=rss,
                       seeders=seeders, ok=ok)
            if repetition == 0:
                print(f"warm-up {name}: exit {code}, wall {wall:.2f} s (not counted)", flush=True)
                continue
            results[name].append(row)
            print(f"run {repetition} {name:<22} exit {code} {'identical' if ok else 'WRONG OR MISSING DATA'}"
                  f"  wall {wall:6.2f} s  {row['mibs']:6.1f} MiB/s  CPU {row['cpu_gib']:5.2f} s/GiB"
                  f" (system {row['sys_gib']:4.2f})"
                  f"  anon RSS {rss:6.1f} MiB  seeders CPU {seeders:5.2f} s", flush=True)
    finally:
        swarm.close()
        shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    report(results, args)


def report(results, args):
    def median(name, key):
        good = [r[key] for r in results[name] if r["ok"]]
        return statistics.median(good) if good else float("nan")

    names = [n for n in results if any(r["ok"] for r in results[n])]
    best_wall = min(median(n, "wall") for n in names) if names else float("nan")
    best_cpu = min(median(n, "cpu_gib") for n in names) if names else float("nan")
    print(f"\nmedians of {args.repeat} ({args.size_mib} MiB, {args.piece_kib} KiB pieces, "
          f"libtorrent + aria2 seeders on 127.0.0.1, load average {os.getloadavg()[0]:.1f})")
    print("| downloader | ok runs | wall s | MiB/s | CPU s/GiB | of which system | peak anon RSS MiB | wall / best "
          "| CPU / best |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in results:
        ok = sum(r["ok"] for r in results[name])
        wall, cpu = median(name, "wall"), median(name, "cpu_gib")
        print(f"| {name} | {ok}/{len(results[name])} | {wall:.2f} | {args.size_mib / wall:.0f} | {cpu:.2f} "
              f"| {median(name, 'sys_gib'):.2f} | {median(name, 'rss'):.0f} | {wall / best_wall:.2f} | {cpu / best_cpu:.2f} |")
    if any(not r["ok"] for rows in results.values() for r in rows):
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="the benchmark (the default)")
    run.add_argument("--size-mib", type=int, default=1024, help="payload size (default 1024)")
    run.add_argument("--piece-kib", type=int, default=256, help="piece size (default 256)")
    run.add_argument("--repeat", type=int, default=3, help="repetitions, interleaved (default 3)")
    run.add_argument("--warmup", type=int, default=1,
                     help="unmeasured downloads (by the first downloader) before the measured ones (default 1)")
    run.add_argument("--downloaders", default=",".join(DOWNLOADERS), help="comma list of " + ", ".join(DOWNLOADERS))
    run.add_argument("--piecewise-variant", action="append", default=[], metavar="LABEL=JAVA_OPTS",
                     help="also run Piecewise with PIECEWISE_JAVA_OPTS set (repeatable)")
    run.add_argument("--piecewise-launcher", action="append", default=[], metavar="LABEL=PATH",
                     help="also run Piecewise through another launcher, e.g. another worktree's (repeatable)")
    run.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "piecewise-bench"),
                     help="work directory (the payload is kept there between runs)")
    run.add_argument("--timeout", type=int, default=300, help="seconds one download may take")
    for sub in ("lt-seed", "lt-download"):
        helper = commands.add_parser(sub, help="(internal) libtorrent " + sub[3:])
        helper.add_argument("--torrent", required=True)
        helper.add_argument("--dir", required=True)
        helper.add_argument("--port", type=int, required=True)
        helper.add_argument("--timeout", type=int, default=300)
    argv = sys.argv[1:]
    if not argv or argv[0] not in commands.choices and argv[0] not in ("-h", "--help"):
        argv = ["run"] + argv
    args = parser.parse_args(argv)
    {"run": bench, "lt-seed": lt_seed, "lt-download": lt_download}[args.command](args)


if __name__ == "__main__":
    main()
