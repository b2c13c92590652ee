import * as migration_20261121_122432_initial from './20261121_122432_initial';

export const migrations = [
  {
    up: migration_20261121_122432_initial.up,
    down: migration_20261121_122432_initial.down,
    name: '20261121_122432_initial'
  },
];
