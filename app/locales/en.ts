// Every user-facing string in this language, one module per area of the product.
import admin from './en/admin';
import api from './en/api';
import auth from './en/auth';
import common from './en/common';
import documents from './en/documents';
import email from './en/email';
import intake from './en/intake';
import privacy from './en/privacy';
import pub from './en/pub';
import publish from './en/publish';
import reports from './en/reports';
import similar from './en/similar';
import staff from './en/staff';
import webhooks from './en/webhooks';

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
