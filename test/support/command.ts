/** Runs a command to completion for a test peer's setup (slapadd, samba-tool), failing with its output. */
import { spawn } from 'node:child_process';
import { installTestPeers } from './peerProgram.ts';

export async function runCommand(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (error) => reject(new Error(`${command} could not start (${error.message}); is it installed? To install the test peers, ${installTestPeers}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args[0] ?? ''} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}
