import type { Kysely, Selectable, Updateable } from 'kysely'
import type { DictItemTable, DictTypeTable, IdentityTables } from '../tables.ts'

export type DictTypeRow = Selectable<DictTypeTable>
export type DictItemRow = Selectable<DictItemTable>

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of dictionaries (数据字典): types and their items. */
export const dictsRepo = {
  listTypes: (db: Kysely<any>) => t(db).selectFrom('identity_dict_type').selectAll().orderBy('code').execute(),
  getType: (db: Kysely<any>, code: string) => t(db).selectFrom('identity_dict_type').selectAll().where('code', '=', code).executeTakeFirst(),
  async insertType(db: Kysely<any>, row: DictTypeTable): Promise<boolean> {
    const r = await t(db).insertInto('identity_dict_type').values(row).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
  },
  async updateType(db: Kysely<any>, code: string, patch: Updateable<DictTypeTable>): Promise<void> {
    await t(db).updateTable('identity_dict_type').set(patch).where('code', '=', code).execute()
  },
  listItems: (db: Kysely<any>, typeCode: string) => t(db).selectFrom('identity_dict_item').selectAll().where('type_code', '=', typeCode).orderBy('sort').orderBy('value').execute(),
  getItem: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_dict_item').selectAll().where('id', '=', id).executeTakeFirst(),
  getItemByValue: (db: Kysely<any>, typeCode: string, value: string) => t(db).selectFrom('identity_dict_item').selectAll().where('type_code', '=', typeCode).where('value', '=', value).executeTakeFirst(),
  async insertItem(db: Kysely<any>, row: DictItemTable): Promise<boolean> {
    const r = await t(db).insertInto('identity_dict_item').values(row).onConflict((oc) => oc.columns(['type_code', 'value']).doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
  },
  async updateItem(db: Kysely<any>, id: string, patch: Updateable<DictItemTable>): Promise<void> {
    await t(db).updateTable('identity_dict_item').set(patch).where('id', '=', id).execute()
  },
  async deleteItem(db: Kysely<any>, id: string): Promise<void> {
    await t(db).deleteFrom('identity_dict_item').where('id', '=', id).execute()
  },
}
