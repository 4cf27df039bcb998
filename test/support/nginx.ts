/**
 * A real nginx in front of a server, for the download offload tests and bench/downloads.ts: a config in a
 * temp dir, not a daemon, on 127.0.0.1. The internal location is the one docs/download-offload.md shows.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const nginxBinary = process.env.TRIBUTARY_TEST_NGINX ?? '/usr/sbin/nginx';
export const nginxMissing = existsSync(nginxBinary) ? false : `no nginx at ${nginxBinary}`;
// CI installs nginx and sets this, so that its suites never pass by being skipped.
if (nginxMissing && process.env.TRIBUTARY_TEST_REQUIRE_NGINX === '1') {
  throw new Error(`TRIBUTARY_TEST_REQUIRE_NGINX is set, but there is ${nginxMissing}`);
}

export interface Nginx {
  /** http://127.0.0.1:port */
  url: string;
  stop(): Promise<void>;
}

/**
 * The location X-Accel-Redirect answers point into, as docs/download-offload.md has it. nginx keeps only
 * some of the upstream's headers on an internal redirect (Content-Type, Content-Disposition, Cache-Control,
 * Accept-Ranges, Set-Cookie, Expires): the others are put back from `$upstream_http_*`. nginx's own
 * validators are turned off so that it neither answers 304 nor honours an If-Range on a tag or date of
 * its own: Tributary has already answered those, with its ETag, which nginx's range filter then compares.
 */
export function internalBlobLocation(prefix: string, blobDir: string): string {
  return `location ${prefix} {
      internal;
      alias ${blobDir}/;
      etag off;
      if_modified_since off;
      max_ranges 1;
      add_header Last-Modified "" always;
      add_header ETag $upstream_http_etag always;
      add_header X-Content-Type-Options $upstream_http_x_content_type_options always;
      add_header Content-Security-Policy $upstream_http_content_security_policy always;
    }`;
}

/**
 * Starts nginx proxying to `upstream` and serving `blobDir` at the internal `prefix`; `staticFile`, if
 * given, is also served as is at `/static` (sendfile on), the baseline of bench/downloads.ts.
 */
export async function startNginx(options: {
  upstream: string;
  blobDir: string;
  prefix: string;
  staticFile?: string;
}): Promise<Nginx> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tributary-nginx-'));
  await mkdir(path.join(dir, 'tmp'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `${kind}_temp_path ${dir}/tmp/${kind};`)
    .join('\n    ');
  const staticLocation = options.staticFile
    ? `location = /static { alias ${options.staticFile}; default_type application/octet-stream; }`
    : '';
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 0;
    location / {
      proxy_pass ${options.upstream};
      proxy_set_header Host $http_host;
      proxy_request_buffering off;
    }
    ${staticLocation}
    ${internalBlobLocation(options.prefix, options.blobDir)}
  }
}
`,
  );
  const child = spawn(nginxBinary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilListening(child, port, () => stderr);
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await exited;
      }
      const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
      await rm(dir, { recursive: true, force: true });
      if (/\[(emerg|alert|crit)\]/.test(log)) throw new Error(`nginx: ${log}`);
    },
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr()}`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await sleep(50);
  }
  child.kill();
  throw new Error(`nginx did not listen on ${port}: ${stderr()}`);
}
