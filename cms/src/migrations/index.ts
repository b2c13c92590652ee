import * as migration_20261121_121753_initial from './20261121_121753_initial';

export const migrations = [
  {
    up: migration_20261121_121753_initial.up,
    down: migration_20261121_121753_initial.down,
    name: '20261121_121753_initial'
  },
];
