#!/usr/bin/env bash
# Proves limitlab's cgroup v2 code on a real cgroup v2 kernel: builds (once, cached) a Debian 12 VM with
# Debian's cloud kernel, docker.io and a JRE, boots it with qemu (KVM when /dev/kvm works, emulation
# otherwise), runs the v2 suite (dev.limitlab.vm.CgroupV2Suite) inside against the VM's own dockerd with
# the systemd and the cgroupfs cgroup drivers, prints every check with its figures and exits non-zero
# when one fails or the VM gives no result.
#
#   scripts/cgroup-v2-vm.sh                 build what is missing, boot, run the suite
#   scripts/cgroup-v2-vm.sh --build-only    only build the cached VM
#   LIMITLAB_VM_CACHE=DIR                   cache directory (default ~/.cache/limitlab-vm)
#   LIMITLAB_VM_RECORD=DIR                  also copy the files recorded in the VM there
#                                           (e.g. src/test/resources to refresh the v2 fixtures)
#
# No network inside the VM and no registry: the root comes from Debian's packages (debootstrap), the
# workload image from the host engine (docker save), the jar and the suite from this checkout. Payload
# and results cross as tar streams on two raw virtio disks (the cloud kernel has no 9p); the console is
# the serial port, printed as the suite runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${LIMITLAB_VM_CACHE:-$HOME/.cache/limitlab-vm}"
suite="bookworm"
mirror="${LIMITLAB_VM_MIRROR:-http://deb.debian.org/debian}"
# systemd is PID 1 so that dockerd's systemd driver (docker-<id>.scope) can be tested beside cgroupfs.
packages="systemd,systemd-sysv,dbus,kmod,procps,docker.io,openjdk-17-jre-headless"
recipe_version=1 # bump when the root's customisation below changes
mem="${LIMITLAB_VM_MEMORY:-3G}"
cpus=2

log() { echo "cgroup-v2-vm: $*" >&2; }
need() { command -v "$1" >/dev/null || { log "needs $1 (apt-get install -y $2)"; exit 3; }; }
need qemu-system-x86_64 qemu-system-x86
need debootstrap debootstrap
need cpio cpio
need mke2fs e2fsprogs
need depmod kmod
[ -x /bin/busybox ] && file -L /bin/busybox | grep -q 'statically linked' || { log "needs a static /bin/busybox (apt-get install -y busybox-static)"; exit 3; }

# The kernel: whatever linux-image-cloud-amd64 depends on now; its version is part of the cache key.
kernel_pkg="$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')"
[ -n "$kernel_pkg" ] || { log "apt-cache knows no linux-image-cloud-amd64 (apt-get update?)"; exit 3; }
kernel_version="$(apt-cache policy "$kernel_pkg" | awk '/Candidate:/ {print $2}')"
key="$(printf '%s\n' "$suite" "$packages" "$kernel_pkg=$kernel_version" "$recipe_version" \
  "$(sed -n '/^# -- guest files --/,/^# -- end guest files --/p' "$0")" | sha256sum | cut -c1-12)"
vm="$cache/$key"

build_vm() {
  local work="$cache/build-$key"
  rm -rf "$work" && mkdir -p "$work"
  log "building the VM in $vm (debootstrap $suite: $packages; kernel $kernel_pkg $kernel_version)"
  local started=$SECONDS
  (cd "$work" && apt-get download "$kernel_pkg" >/dev/null)
  mkdir -p "$work/kernel"
  dpkg-deb -x "$work"/"$kernel_pkg"_*.deb "$work/kernel"
  local release; release="$(ls "$work/kernel/lib/modules")"
  depmod -b "$work/kernel" "$release"

  debootstrap --variant=minbase --include="$packages" "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  cp -a "$work/kernel/lib/modules" "$work/rootfs/lib/"
  customise_root "$work/rootfs"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*

  # Root filesystem image, populated without mounting anything (mke2fs -d); sparse, room for images.
  truncate -s 6G "$work/root.ext4"
  mke2fs -q -t ext4 -L limitlab-root -d "$work/rootfs" "$work/root.ext4"

  # The initramfs: busybox and the virtio modules (modular in the cloud kernel) to mount /dev/vda.
  local ir="$work/initramfs"
  mkdir -p "$ir/bin" "$ir/modules" "$ir/proc" "$ir/sys" "$ir/dev" "$ir/newroot"
  cp /bin/busybox "$ir/bin/busybox"
  local m
  for m in virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk; do
    find "$work/kernel/lib/modules/$release" -name "$m.ko*" -exec cp {} "$ir/modules/" \;
  done
  write_initramfs_init "$ir/init"
  (cd "$ir" && find . | cpio -H newc -o --quiet | gzip -1) >"$work/initrd.gz"

  mkdir -p "$vm"
  cp "$work/kernel/boot/vmlinuz-$release" "$vm/vmlinuz"
  mv "$work/initrd.gz" "$work/root.ext4" "$vm/"
  echo "$release" >"$vm/kernel-release"
  rm -rf "$work"
  log "built in $((SECONDS - started)) s: $(du -sh "$vm" | cut -f1) on disk ($(du -sh --apparent-size "$vm" | cut -f1) apparent)"
}

# -- guest files --
write_initramfs_init() {
  cat >"$1" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
if /bin/busybox grep -q limitlab.probe /proc/cmdline; then echo limitlab-probe-ok; /bin/busybox poweroff -f; fi
# The order of dependencies changes between kernel builds: three passes load any order.
for pass in 1 2 3; do
  for m in /modules/*.ko*; do /bin/busybox insmod "$m" 2>/dev/null; done
done
for i in 1 2 3 4 5 6 7 8 9 10; do [ -b /dev/vda ] && break; /bin/busybox sleep 0.2; done
/bin/busybox mount -t ext4 -o rw /dev/vda /newroot || { echo "initramfs: no /dev/vda"; /bin/busybox poweroff -f; }
/bin/busybox umount /proc /sys
/bin/busybox mount --move /dev /newroot/dev
exec /bin/busybox switch_root /newroot /lib/systemd/systemd
EOF
  chmod +x "$1"
}

customise_root() {
  local r="$1"
  echo limitlab-vm >"$r/etc/hostname"
  : >"$r/etc/fstab"
  # dockerd is started by the suite, once per cgroup driver; nothing waits for devices udev would announce.
  local unit
  for unit in docker.service docker.socket containerd.service getty@tty1.service serial-getty@ttyS0.service \
      systemd-udevd.service systemd-timesyncd.service apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
      fstrim.timer systemd-remount-fs.service; do
    ln -sf /dev/null "$r/etc/systemd/system/$unit"
  done
  cat >"$r/etc/systemd/system/limitlab-suite.service" <<'EOF'
[Unit]
Description=limitlab cgroup v2 suite
After=local-fs.target dbus.service
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/limitlab-suite
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
ExecStopPost=/bin/systemctl --no-block poweroff --force --force
[Install]
WantedBy=multi-user.target
EOF
  mkdir -p "$r/etc/systemd/system/multi-user.target.wants"
  ln -sf /etc/systemd/system/limitlab-suite.service "$r/etc/systemd/system/multi-user.target.wants/"
  # The entry point only unpacks the payload (disk 2) and runs the suite's own script from it, so that
  # the cached root does not depend on the suite.
  cat >"$r/usr/local/sbin/limitlab-suite" <<'EOF'
#!/bin/sh
mkdir -p /payload /results
tar -xf /dev/vdb -C /payload && sh /payload/cgroup-v2-vm-guest.sh /payload /results
echo "limitlab-vm: suite exited $?" >>/results/summary.txt
tar -cf /dev/vdc -C /results . && sync
EOF
  chmod +x "$r/usr/local/sbin/limitlab-suite"
}
# -- end guest files --

[ -f "$vm/root.ext4" ] || build_vm
log "VM $vm: kernel $(cat "$vm/kernel-release"), $(du -sh "$vm" | cut -f1) on disk"
[ "${1:-}" = --build-only ] && exit 0

# The payload: the jar and the suite built from this checkout, the images from the host engine.
run_dir="$root/target/cgroup-v2-vm"
rm -rf "$run_dir" && mkdir -p "$run_dir/payload/scenarios" "$run_dir/results"
log "building limitlab (mvn package) and the images the suite runs"
(cd "$root" && mvn -B -q -DskipTests package) >&2
"$root/scripts/ensure-docker.sh" >&2
"$root/scripts/build-busybox-image.sh" >&2
agent="$(java -cp "$root/target/limitlab.jar:$root/target/test-classes" dev.limitlab.engine.CgroupV2VmSuite prepare)"
docker save -o "$run_dir/payload/images.tar" "$agent" limitlab-busybox:latest
echo "$agent" >"$run_dir/payload/agent-image"
cp "$root/target/limitlab.jar" "$root/scripts/cgroup-v2-vm-guest.sh" "$run_dir/payload/"
cp -r "$root/target/test-classes" "$run_dir/payload/"
cp "$root/scenarios/quickstart.yaml" "$run_dir/payload/scenarios/"
tar -cf "$run_dir/payload.tar" -C "$run_dir/payload" .
truncate -s 512M "$run_dir/results.img"

# KVM when it works (a /dev/kvm may exist and still fail, e.g. nested), otherwise emulation.
# apparmor=0: the cloud kernel enables AppArmor, and dockerd then wants apparmor_parser for its profile.
kernel_args="console=ttyS0 panic=-1 quiet loglevel=3 systemd.show_status=false apparmor=0"
accel=(-accel tcg,thread=multi)
if [ -w /dev/kvm ] && timeout 30 qemu-system-x86_64 -enable-kvm -cpu host -m 256 -nographic -no-reboot -nic none \
    -kernel "$vm/vmlinuz" -initrd "$vm/initrd.gz" -append "$kernel_args limitlab.probe" </dev/null 2>/dev/null \
    | grep -q limitlab-probe-ok; then
  accel=(-enable-kvm -cpu host)
else
  kernel_args="$kernel_args limitlab.accel=tcg" # the suite judges the CPU band per CFS period then
fi
log "booting: ${accel[*]}, $cpus CPUs, $mem, no network"
started=$SECONDS
timeout "${LIMITLAB_VM_TIMEOUT:-3600}" qemu-system-x86_64 "${accel[@]}" -smp "$cpus" -m "$mem" -nographic \
  -no-reboot -nic none -kernel "$vm/vmlinuz" -initrd "$vm/initrd.gz" -append "$kernel_args" \
  -drive file="$vm/root.ext4",format=raw,if=virtio,snapshot=on \
  -drive file="$run_dir/payload.tar",format=raw,if=virtio,readonly=on \
  -drive file="$run_dir/results.img",format=raw,if=virtio </dev/null \
  | tee "$run_dir/console.log" | grep --line-buffered -aoE '(limitlab-vm:|CHECK) .*' || true
log "the VM ran $((SECONDS - started)) s (${accel[*]}); console: $run_dir/console.log"

tar -xf "$run_dir/results.img" -C "$run_dir/results" 2>/dev/null && [ -f "$run_dir/results/summary.txt" ] \
  || { log "the VM left no results"; exit 1; }
if [ -n "${LIMITLAB_VM_RECORD:-}" ]; then
  mkdir -p "$LIMITLAB_VM_RECORD"
  for driver in systemd cgroupfs; do
    [ -d "$run_dir/results/$driver/recorded" ] && cp -r "$run_dir/results/$driver/recorded" "$LIMITLAB_VM_RECORD/$driver"
  done
fi
summary="$(cat "$run_dir/results"/*/summary.txt)"
checks=$(grep -c '^CHECK ' <<<"$summary" || true)
failed=$(grep -c '^CHECK .* FAIL ' <<<"$summary" || true)
log "$checks checks, $failed failed ($(tail -1 "$run_dir/results/summary.txt")); results in $run_dir/results"
# 8 checks with the systemd driver (quickstart included), 6 with cgroupfs.
grep -q 'suite exited 0' "$run_dir/results/summary.txt" && [ "$checks" -ge 14 ] && [ "$failed" -eq 0 ]
