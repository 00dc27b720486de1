// Every user-facing string in this language, one module per area of the product.
import common from './vi/common';
import email from './vi/email';
import intake from './vi/intake';

export default { ...common, intake, email };
