// Writes the hash of public/sandbox.html's inline script into its policy, after the script was edited.

import { readFileSync, writeFileSync } from 'node:fs';
import { readSandboxPage } from './sandbox-page';

const path = 'public/sandbox.html';
const { scriptHash } = readSandboxPage(path);
writeFileSync(path, readFileSync(path, 'utf8').replace(/'sha256-[^']*'/, `'${scriptHash}'`));
console.log(scriptHash);
