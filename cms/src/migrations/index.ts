import * as migration_20261121_131748_initial from './20261121_131748_initial';

export const migrations = [
  {
    up: migration_20261121_131748_initial.up,
    down: migration_20261121_131748_initial.down,
    name: '20261121_131748_initial'
  },
];
