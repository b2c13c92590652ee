import * as migration_20261121_131748_initial from './20261121_131748_initial';
import * as migration_20261121_153820_site_publishing from './20261121_153820_site_publishing';
import * as migration_20261202_164208_consultation_requests from './20261202_164208_consultation_requests';
import * as migration_20261202_200232_localization from './20261202_200232_localization';
import * as migration_20261202_201549_import_apply from './20261202_201549_import_apply';
import * as migration_20261202_203809_import_runs from './20261202_203809_import_runs';
import * as migration_20261203_085610_indexes_by_parent from './20261203_085610_indexes_by_parent';
import * as migration_20261203_114845_status_by_parent from './20261203_114845_status_by_parent';

export const migrations = [
  {
    up: migration_20261121_131748_initial.up,
    down: migration_20261121_131748_initial.down,
    name: '20261121_131748_initial',
  },
  {
    up: migration_20261121_153820_site_publishing.up,
    down: migration_20261121_153820_site_publishing.down,
    name: '20261121_153820_site_publishing',
  },
  {
    up: migration_20261202_164208_consultation_requests.up,
    down: migration_20261202_164208_consultation_requests.down,
    name: '20261202_164208_consultation_requests',
  },
  {
    up: migration_20261202_200232_localization.up,
    down: migration_20261202_200232_localization.down,
    name: '20261202_200232_localization',
  },
  {
    up: migration_20261202_201549_import_apply.up,
    down: migration_20261202_201549_import_apply.down,
    name: '20261202_201549_import_apply',
  },
  {
    up: migration_20261202_203809_import_runs.up,
    down: migration_20261202_203809_import_runs.down,
    name: '20261202_203809_import_runs',
  },
  {
    up: migration_20261203_085610_indexes_by_parent.up,
    down: migration_20261203_085610_indexes_by_parent.down,
    name: '20261203_085610_indexes_by_parent',
  },
  {
    up: migration_20261203_114845_status_by_parent.up,
    down: migration_20261203_114845_status_by_parent.down,
    name: '20261203_114845_status_by_parent'
  },
];
