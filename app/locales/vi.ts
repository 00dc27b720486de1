// Every user-facing string in this language, one module per area of the product.
import admin from './vi/admin';
import api from './vi/api';
import auth from './vi/auth';
import common from './vi/common';
import documents from './vi/documents';
import email from './vi/email';
import intake from './vi/intake';
import privacy from './vi/privacy';
import pub from './vi/pub';
import publish from './vi/publish';
import reports from './vi/reports';
import similar from './vi/similar';
import staff from './vi/staff';
import webhooks from './vi/webhooks';

export default {
  ...common,
  intake,
  email,
  auth,
  staff,
  admin,
  pub,
  publish,
  documents,
  reports,
  similar,
  privacy,
  api,
  webhooks,
};
