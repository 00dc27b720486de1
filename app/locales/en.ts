// Every user-facing string in this language, one module per area of the product.
import common from './en/common';
import email from './en/email';
import intake from './en/intake';

export default { ...common, intake, email };
