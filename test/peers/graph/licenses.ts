/**
 * License assignment (https://learn.microsoft.com/graph/api/user-assignlicense): both
 * `addLicenses` and `removeLicenses` are required; the user needs a usageLocation; an unknown SKU,
 * an exhausted SKU and removing a license the user does not have are 400s. Answers 200 with the user.
 */
import { badRequest } from './errors.ts';
import { licenseWrite, type Route } from './router.ts';
import { existingUser, renderUser } from './users.ts';

function parseBody(body: unknown): { add: { skuId: string; disabledPlans: string[] }[]; remove: string[] } {
  const add: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'addLicenses') : undefined;
  const remove: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'removeLicenses') : undefined;
  const missing = [add === undefined ? 'addLicenses' : '', remove === undefined ? 'removeLicenses' : ''].filter((m) => m !== '');
  if (missing.length > 0) {
    throw badRequest(`One or more parameters of the function import 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`);
  }
  if (!Array.isArray(add) || !Array.isArray(remove)) throw badRequest("Invalid value for 'addLicenses' or 'removeLicenses': collections expected.");
  return {
    add: add.map((a: unknown) => {
      const skuId: unknown = typeof a === 'object' && a !== null ? Reflect.get(a, 'skuId') : undefined;
      const plans: unknown = typeof a === 'object' && a !== null ? Reflect.get(a, 'disabledPlans') : undefined;
      if (typeof skuId !== 'string') throw badRequest("Invalid value for 'addLicenses': each entry needs a skuId.");
      return { skuId, disabledPlans: Array.isArray(plans) ? plans.filter((x): x is string => typeof x === 'string') : [] };
    }),
    remove: remove.map((r: unknown) => {
      if (typeof r !== 'string') throw badRequest("Invalid value for 'removeLicenses': skuIds expected.");
      return r;
    }),
  };
}

export const licenseRoutes: Route[] = [
  {
    method: 'POST',
    path: 'users/:id/assignLicense',
    permissions: licenseWrite,
    handle: (req, p, ctx) => {
      const user = existingUser(ctx.tenant, p.id ?? '');
      const { add, remove } = parseBody(req.body);
      if (add.length > 0 && typeof user.props.usageLocation !== 'string') throw badRequest('License assignment cannot be done for user with invalid usage location.');
      for (const a of add) {
        const sku = ctx.tenant.skus.get(a.skuId);
        if (!sku) throw badRequest(`License ${a.skuId} does not correspond to a valid company License.`);
        const has = user.assignedLicenses.some((l) => l.skuId === a.skuId);
        if (!has && ctx.tenant.consumed(a.skuId) >= sku.enabled) throw badRequest(`Subscription with SKU ${a.skuId} does not have any available licenses.`);
      }
      for (const r of remove) {
        if (!user.assignedLicenses.some((l) => l.skuId === r)) throw badRequest('User does not have a corresponding license.');
      }
      user.assignedLicenses = user.assignedLicenses.filter((l) => !remove.includes(l.skuId) && !add.some((a) => a.skuId === l.skuId));
      user.assignedLicenses.push(...add);
      return { status: 200, body: { '@odata.context': `${ctx.baseUrl}/$metadata#users/$entity`, ...renderUser(ctx.tenant, user, undefined) } };
    },
  },
  {
    method: 'GET',
    path: 'subscribedSkus',
    permissions: ['Organization.Read.All', 'Directory.Read.All', 'LicenseAssignment.ReadWrite.All'],
    handle: (_req, _p, ctx) => ({
      status: 200,
      body: {
        '@odata.context': `${ctx.baseUrl}/$metadata#subscribedSkus`,
        value: [...ctx.tenant.skus.values()].map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, consumedUnits: ctx.tenant.consumed(s.skuId), prepaidUnits: { enabled: s.enabled, suspended: 0, warning: 0 } })),
      },
    }),
  },
];
