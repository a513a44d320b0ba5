#!/usr/bin/env bash
# Builds a Java 17 base image for Jib with no registry and no network: a jlink'ed runtime from this machine's
# JDK, the shared libraries it needs from this machine, and nothing else (no shell, no package manager),
# written as a `docker save` tar that Jib reads with `tar://`.
#
# Why: Jib's usual base, eclipse-temurin:17-jre, comes from Docker Hub. Where Docker Hub cannot be reached
# (as on the machines this project is built on), run this once; while its tar exists the build uses it
# (the root pom's `local-jib-base` profile). Delete the tar to go back to eclipse-temurin.
#
#   deploy/base-image/build.sh          # -> deploy/base-image/chorus-jre17-base.tar
#
# Needs a JDK 17 with jmods (Debian: openjdk-17-jdk-headless), ldd, tar, sha256sum. Linux amd64 only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/chorus-jre17-base.tar
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[ -d "$java_home/jmods" ] || { echo "no jmods in $java_home: install a full JDK 17 (openjdk-17-jdk-headless)" >&2; exit 1; }
version=$("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')
[ "$version" = 17 ] || { echo "$java_home is Java $version, not 17" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "only linux/amd64 is built here" >&2; exit 1; }

work=$(mktemp -d)
trap 'umount "$work/rootfs/proc" 2>/dev/null || true; rm -rf "$work"' EXIT
root=$work/rootfs
jre=$root/opt/java/openjdk

# Everything a Spring Boot and Kafka JVM may load (java.se plus the jdk.* runtime modules), without the tools.
"$java_home/bin/jlink" --output "$jre" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.net,jdk.security.auth,jdk.security.jgss,jdk.httpserver,jdk.attach,jdk.jcmd
# the machine's current CA certificates, if it keeps a Java store of them
[ -f /etc/ssl/certs/java/cacerts ] && cp /etc/ssl/certs/java/cacerts "$jre/lib/security/cacerts"

# The shared libraries the runtime links against (glibc, zlib, ...), copied from this machine with the
# dynamic loader, at the same paths.
{ find "$jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null || true; } \
  | awk '/=> \// {print $3} /^\s*\/lib/ {print $1}' | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
# Native code that applications unpack at run time (RocksDB for Kafka Streams' stores, zstd, snappy, lz4)
# links against more of glibc than the JVM itself, and against the C++ runtime: ship the usual set.
for soname in libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 libresolv.so.2 libutil.so.1 \
              libstdc++.so.6 libgcc_s.so.1 libz.so.1; do
  lib=$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64/ && !found {print $NF; found = 1}')
  [ -n "$lib" ] || { echo "$soname not found on this machine" >&2; exit 1; }
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
for loader in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2; do
  [ -e "$loader" ] && { mkdir -p "$root$(dirname "$loader")"; cp -L "$loader" "$root$loader"; }
done

# What a JVM expects of a Linux root: users, a writable /tmp, name resolution settings.
mkdir -p "$root/etc" "$root/tmp" "$root/proc" "$root/app" "$root/data"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"

# One layer, written the same way every time: same bytes for the same inputs.
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/layer.tar" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
           "Labels":{"org.opencontainers.image.description":"Chorus offline base: jlink'ed OpenJDK $("$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created_by":"deploy/base-image/build.sh"}]}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["chorus/jre17-base:local"],"Layers":["layer.tar"]}]
JSON
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work" -cf "$out.part" manifest.json config.json layer.tar
mv "$out.part" "$out"

# Start the runtime inside the image's own root, as a container would (the loader needs /proc); root only.
tried="not tried (needs root for mount and chroot)"
if [ "$(id -u)" = 0 ] && mount -t proc proc "$root/proc" 2>/dev/null; then
  tried=$(chroot "$root" /opt/java/openjdk/bin/java -version 2>&1 | head -1)
  umount "$root/proc"
fi
echo "wrote $out ($(du -h "$out" | cut -f1)); java -version inside: $tried"
