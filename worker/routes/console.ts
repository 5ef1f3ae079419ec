// The CSR console (issue #4): its API under /v1/console, the admin's bootstrap invite, and the
// app itself under /console.
import { Hono } from 'hono';
import { adminInviteRoutes } from '../console/admin-invites';
import { consoleApi } from '../console/api';
import { consolePages } from '../console/pages';
import type { Env } from '../env';

export const consoleRoutes = new Hono<{ Bindings: Env }>();

consoleRoutes.route('/v1/console', consoleApi);
consoleRoutes.route('/v1/admin', adminInviteRoutes);
consoleRoutes.route('/console', consolePages);
