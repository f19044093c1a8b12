import type { SeedQuestion } from './types.ts';

/**
 * Community Q&A seed for the fictional company Nubia.
 * Hand-written, roughly half Spanish and half English, spread over every category.
 * Several questions are intentional near-duplicates of each other (phrased differently)
 * so the "similar questions" feature has something to find.
 */
export const SEED_QUESTIONS: SeedQuestion[] = [
  // ═════════════════════════════ ES · account ═════════════════════════════
  {
    locale: 'es',
    category: 'account',
    title: `No puedo entrar en mi cuenta después de cambiar la contraseña`,
    body: `Ayer cambié la contraseña desde la web porque me llegó un aviso de seguridad. Ahora cada vez que intento entrar me dice «Usuario o contraseña incorrectos», y estoy segura de que la escribo bien. ¿Alguien sabe qué puede estar pasando?`,
    tags: ['password', 'login'],
    answers: [
      { body: `A mí me pasó lo mismo: el navegador tenía guardada la contraseña antigua y la autocompletaba sin que me diera cuenta. Bórrala del gestor de contraseñas (en Chrome: **Ajustes > Autocompletar > Contraseñas**) y escríbela a mano.`, accepted: true },
      { body: `Ojo también con el bloqueo: después de 5 intentos fallidos te bloquean 30 minutos aunque luego pongas la buena. Espera media hora y vuelve a probar.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Desde que restablecí la contraseña no me deja iniciar sesión en la web`,
    body: `Hice lo de «¿Has olvidado tu contraseña?», me llegó el código, puse una nueva y me dijo que se había guardado correctamente. Pero al entrar me sale este error:

\`\`\`
AUTH_INVALID_CREDENTIALS
\`\`\`

Lo he intentado desde el móvil y desde el portátil, con el mismo resultado.`,
    tags: ['password', 'login'],
    answers: [
      { body: `¿Estás entrando con el correo o con el número de móvil? Si tienes dos cuentas (por ejemplo una antigua solo de la línea móvil), puede que hayas cambiado la contraseña de la otra. Prueba con el otro identificador.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `¿Cómo cambio el correo electrónico asociado a mi cuenta?`,
    body: `Tengo la cuenta con un correo del trabajo que ya no uso y quiero poner el personal. No encuentro dónde se cambia.`,
    tags: ['account', 'email'],
    answers: [
      { body: `En **Perfil > Datos personales > Correo electrónico > Editar**. Te mandan un enlace de confirmación al correo nuevo y, hasta que no lo pulses, sigue activo el antiguo.`, accepted: true },
      { body: `Si ya no tienes acceso al correo viejo no pasa nada: la verificación del cambio se hace con un SMS al móvil.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `No me llega el código SMS para iniciar sesión`,
    body: `Tengo activada la verificación en dos pasos por SMS y desde esta mañana no me llega ningún código. El móvil tiene cobertura y recibo otros SMS con normalidad.`,
    tags: ['two-factor', 'sms', 'login'],
    answers: [
      { body: `¿Tienes bien puesto el número en el perfil? Si lo cambiaste hace poco, los códigos pueden seguir yendo al antiguo.` },
      { body: `A veces tardan hasta 5 minutos cuando hay mucha demanda. No pidas otro código enseguida, porque cada nuevo envío invalida el anterior.` },
      { body: `Yo lo solucioné pasándome a la app de autenticación, que funciona incluso sin cobertura. Lo explican en el artículo de verificación en dos pasos.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `El SMS con el código de verificación nunca llega, ¿hay otra forma?`,
    body: `Llevo tres días intentando entrar en el área de cliente y el código por SMS no aparece. He reiniciado el móvil y he quitado y puesto la SIM. ¿Hay otra forma de recibirlo, por correo por ejemplo?`,
    tags: ['two-factor', 'sms'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Me han bloqueado la cuenta por demasiados intentos`,
    body: `Me equivoqué varias veces con la contraseña y ahora pone «Cuenta bloqueada temporalmente». ¿Cuánto dura esto?`,
    tags: ['login', 'password'],
    answers: [
      { body: `30 minutos. Se desbloquea sola, no hace falta llamar. Mientras tanto no lo intentes más, porque cada intento reinicia el contador.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Quiero quitar la verificación en dos pasos, ¿se puede?`,
    body: `La activé por curiosidad y ahora me resulta un engorro cada vez que entro desde el ordenador del trabajo.`,
    tags: ['two-factor', 'security'],
    answers: [
      { body: `Sí, en **Perfil > Seguridad > Desactivar verificación en dos pasos**. Te pedirá un último código. Aunque yo te recomendaría dejarla y marcar ese ordenador como dispositivo de confianza; así no te lo pide cada vez.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Cambié de móvil y he perdido la app de autenticación`,
    body: `Tenía los códigos en Google Authenticator en el móvil viejo, lo formateé para venderlo y ahora no puedo entrar. Los códigos de recuperación no tengo ni idea de dónde los guardé 😩`,
    tags: ['two-factor', 'security', 'account'],
    answers: [
      { body: `Me pasó exactamente lo mismo. Llamé a atención al cliente, me pidieron el DNI y el número de una factura reciente, y me desactivaron la verificación en dos pasos en el momento. Luego la volví a configurar en el móvil nuevo.`, accepted: true },
      { body: `Para la próxima: Google Authenticator ya permite pasar las cuentas a otro móvil (menú de los tres puntos > **Transferir cuentas**). Hazlo siempre antes de formatear.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `¿Puedo gestionar la línea de mi hija desde mi cuenta?`,
    body: `Mi hija tiene una línea a su nombre (es mayor de edad) y quería gestionarla desde mi cuenta para no andar con dos usuarios y dos contraseñas. ¿Se puede añadir como «usuario autorizado» o algo así?`,
    tags: ['account'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Cambiar el titular del contrato por fallecimiento`,
    body: `Mi padre falleció el mes pasado y la fibra y el fijo están a su nombre. Queremos mantener el servicio pero ponerlo a nombre de mi madre. ¿Qué documentación piden? ¿Hay que pagar algo?`,
    tags: ['account'],
    answers: [
      { body: `Siento mucho lo de tu padre. Es un cambio de titularidad sin coste: necesitáis el certificado de defunción, el DNI de tu madre y una cuenta bancaria a su nombre. Se puede hacer en tienda o con el formulario de cambio de titular, y se mantienen el número, la tarifa y el router.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `¿Es de Nubia este correo que me pide verificar mis datos?`,
    body: `Me ha llegado un email de «Nubia Seguridad» diciendo que mi cuenta será suspendida si no verifico mis datos en 24 horas. El enlace lleva a una web llamada nubia-clientes-verificacion.com y pide la tarjeta. ¿Es phishing?`,
    tags: ['security', 'email'],
    answers: [
      { body: `Es phishing al 100 %. Nubia solo escribe desde direcciones \`@nubia.example\` y nunca pide la contraseña ni los datos de la tarjeta por correo. Bórralo y no pinches en nada.`, accepted: true },
      { body: `Puedes reenviarlo a la dirección de fraude que aparece en la guía de seguridad para que lo bloqueen.` },
      { body: `Si ya pinchaste y metiste datos: cambia la contraseña ahora mismo, activa la verificación en dos pasos y llama al banco para bloquear la tarjeta.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Me he mudado: ¿cómo actualizo la dirección de facturación?`,
    body: `Me he mudado dentro de la misma ciudad y en las facturas sigue saliendo la dirección antigua. ¿Lo cambio yo o tengo que llamar? La fibra también la quiero trasladar.`,
    tags: ['account', 'moving'],
    answers: [
      { body: `La dirección de facturación la puedes cambiar tú en **Perfil > Datos personales**. El traslado de la fibra es otra gestión distinta: se pide en **Internet > Traslado** y te dan cita con un técnico en la casa nueva.` },
      { body: `Pregunta antes si el traslado tiene coste; a mí con permanencia me lo hicieron gratis, pero a un amigo sin permanencia le cobraron la instalación.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `Aviso de inicio de sesión desde una ciudad en la que no he estado`,
    body: `Me ha llegado un aviso de «Nuevo inicio de sesión desde Windows, Valencia» y yo vivo en Sevilla y uso Mac. ¿Me han hackeado la cuenta?`,
    tags: ['security', 'login'],
    answers: [
      { body: `Puede ser la ubicación aproximada de la IP, que a veces sale muy desviada (sobre todo con datos móviles). Pero por si acaso cambia la contraseña, cierra todas las sesiones desde **Perfil > Seguridad > Dispositivos** y activa la verificación en dos pasos.` },
    ],
  },
  {
    locale: 'es',
    category: 'account',
    title: `¿Cómo solicito una copia de todos mis datos personales?`,
    body: `Quiero ejercer mi derecho de acceso según el RGPD y saber exactamente qué datos tiene Nubia sobre mí (llamadas, ubicación, etc.). ¿Hay un formulario?`,
    tags: ['account', 'security'],
    answers: [],
  },

  // ═════════════════════════════ ES · billing ═════════════════════════════
  {
    locale: 'es',
    category: 'billing',
    title: `Me han cobrado dos veces la factura de este mes`,
    body: `Hoy he mirado el banco y tengo dos cargos de Nubia de 54,90 € con fecha del día 3. En el área de cliente solo aparece una factura. ¿Me lo devuelven automáticamente o tengo que reclamar?`,
    tags: ['billing', 'refund', 'direct-debit'],
    answers: [
      { body: `Abre una reclamación desde **Facturas > ¿Tienes dudas sobre esta factura?** y adjunta una captura del extracto. A mí me pasó en enero y me devolvieron el duplicado en 5 días.`, accepted: true },
      { body: `También puedes devolver el recibo duplicado desde tu banco (con SEPA tienes 8 semanas), pero avisa antes a Nubia para que no lo marquen como impago y te cobren el recargo.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Cargo duplicado de Nubia en la tarjeta al pagar desde la app`,
    body: `Pagué la factura con tarjeta desde la app, me dio error, lo repetí y ahora veo dos cargos iguales de 38,50 € en la app del banco. ¿A alguien le ha pasado?`,
    tags: ['billing', 'card', 'payment'],
    answers: [
      { body: `Si el primer intento dio error, lo más probable es que sea una retención que el banco libera en unos días, no un cargo real. Mira si aparece como «pendiente» o «retenido».` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `¿Por qué mi primera factura es tan alta?`,
    body: `Contraté la fibra de 600 Mb por 35 € al mes y la primera factura es de 58 €. Nadie me avisó de esto.`,
    tags: ['invoice', 'billing'],
    answers: [
      { body: `Es el prorrateo: la primera factura incluye los días desde la instalación hasta fin de mes, más el mes siguiente completo. A partir de la segunda ya pagas los 35 €.`, accepted: true },
      { body: `Revisa también si hay «cuota de alta»; en algunas ofertas la cobran una sola vez en la primera factura.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Dónde descargo las facturas en PDF de los últimos meses`,
    body: `Soy autónomo y el gestor me pide las facturas de los últimos 6 meses. En la app solo veo el importe, no el PDF.`,
    tags: ['invoice'],
    answers: [
      { body: `En la web: **Facturas > elige el mes > Descargar PDF**. Si necesitas varias, arriba hay un botón «Descargar todas» que te genera un ZIP. Ojo, solo guardan los últimos 24 meses.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Poner el CIF de mi empresa en las facturas`,
    body: `Tengo la fibra contratada como particular, pero la uso para trabajar desde casa. ¿Se puede cambiar para que las facturas salgan con el CIF de la empresa y poder desgravarlas?`,
    tags: ['invoice', 'account'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Se ha acabado la promoción de 6 meses y no me han avisado`,
    body: `Este mes la factura ha pasado de 29 € a 45 €. Entiendo que se ha terminado el descuento, pero esperaba al menos un aviso. ¿Hay forma de negociar algo?`,
    tags: ['discount', 'plan', 'billing'],
    answers: [
      { body: `El aviso suele llegar por correo un mes antes. Mira en spam o en promociones.` },
      { body: `Llama y di que te estás planteando cambiarte. A mí me pusieron otro descuento de 12 meses sin mucha discusión.` },
      { body: `Revisa también las tarifas actuales de la web: muchas veces hay una nueva más barata con la misma velocidad y te la cambian sin permanencia.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Recibo devuelto por cambio de banco: cómo pago lo pendiente`,
    body: `Cambié de banco y se me olvidó actualizar el IBAN. Me han devuelto el recibo y ahora veo un recargo de 3 € de gestión. ¿Cómo pago la factura pendiente para que no me corten nada?`,
    tags: ['payment', 'direct-debit'],
    answers: [
      { body: `Desde **Facturas > Pagar ahora**, con tarjeta. Y aprovecha para cambiar el IBAN en **Método de pago** para la siguiente. El recargo no te lo quitan, pero si pagas en pocos días no te suspenden el servicio.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Quiero que me cobren en otra cuenta bancaria y no veo la opción en la app`,
    body: `Pues eso, quiero domiciliar los recibos en la cuenta nueva. Tengo la app actualizada, pero en el apartado de facturas no aparece nada para cambiar el IBAN.`,
    tags: ['payment', 'direct-debit', 'app'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Me cobran roaming por un fin de semana en Portugal`,
    body: `Estuve en Oporto el fin de semana y en la factura aparece «Roaming zona 1: 12,40 €». Pensaba que dentro de la UE no se pagaba roaming.`,
    tags: ['roaming', 'invoice'],
    answers: [
      { body: `En la UE no se cobra roaming mientras estés dentro de tu tarifa. Mira el detalle de consumos: pueden ser llamadas a números especiales o datos por encima de la política de uso razonable. Si es roaming normal, reclama porque es un error.`, accepted: true },
      { body: `A mí me pasó porque el móvil se conectó a una red marítima en el ferry de vuelta; esas redes sí se cobran aparte aunque estés en aguas europeas.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Cargos de 1,45 € por SMS de una suscripción de juegos`,
    body: `Mi hijo se ha suscrito sin querer a algo de juegos desde un anuncio y me llegan cargos de 1,45 € cada pocos días. ¿Cómo lo bloqueo y puedo recuperar el dinero?`,
    tags: ['billing', 'sms', 'refund'],
    answers: [
      { body: `Desde la app: **Mis líneas > Servicios > Tarificación adicional > Bloquear**. Es gratis. Después reclama los cargos; si la suscripción no fue consentida suelen devolverlos.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `¿Se puede pagar la factura en efectivo?`,
    body: `Mi madre no tiene tarjeta y no quiere domiciliar nada en el banco. ¿Hay alguna opción para pagar en efectivo, en una tienda o en correos?`,
    tags: ['payment'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Me siguen cobrando la TV después de darla de baja`,
    body: `Di de baja la TV en marzo y tengo el correo de confirmación, pero en abril y en mayo me la han vuelto a cobrar (10 € cada mes). He llamado dos veces y me dicen que «ya está solucionado».`,
    tags: ['billing', 'refund', 'tv'],
    answers: [
      { body: `Abre una reclamación por escrito (desde la web, no por teléfono) adjuntando el correo de confirmación de baja. Así queda registrada con número y fecha.` },
      { body: `Si en un mes no te lo resuelven, con ese número de reclamación puedes acudir a la oficina de consumo de tu ayuntamiento. A mí me lo devolvieron justo después de presentar la queja.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `¿Qué día se pasa el recibo por el banco?`,
    body: `La factura se emite el día 1, pero ¿qué día exacto me lo cargan? Quiero tener saldo suficiente.`,
    tags: ['billing', 'direct-debit'],
    answers: [
      { body: `Normalmente entre el día 3 y el 5. La fecha exacta aparece en el resumen de la primera página de la factura.` },
    ],
  },
  {
    locale: 'es',
    category: 'billing',
    title: `Bajar de 1 Gb a 300 Mb teniendo permanencia, ¿me penalizan?`,
    body: `Tengo la fibra de 1 Gb y me sobra por todos lados. Quiero bajar a la de 300 Mb para ahorrar, pero me quedan 7 meses de permanencia. ¿Me cobrarán penalización por cambiar a una tarifa inferior?`,
    tags: ['plan', 'billing'],
    answers: [],
  },

  // ═════════════════════════════ ES · orders ═════════════════════════════
  {
    locale: 'es',
    category: 'orders',
    title: `El pedido aparece como entregado pero no lo he recibido`,
    body: `Pedido NB-2024-0583172. Ayer a las 13:05 cambió a «Entregado» y yo estaba en casa todo el día. Nadie ha llamado al timbre y los vecinos tampoco lo tienen.`,
    tags: ['order', 'delivery', 'tracking'],
    answers: [
      { body: `Abre una incidencia desde **Mis pedidos > Tengo un problema** antes de que pasen 48 horas. El transportista tiene que aportar una prueba de entrega (firma o foto); si no la tiene, te reenvían el pedido.`, accepted: true },
      { body: `A mí me pasó y apareció al día siguiente: el repartidor lo había marcado antes de tiempo. Pero abre la incidencia igualmente por si acaso.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Dice entregado y no tengo el paquete, ¿qué hago?`,
    body: `El seguimiento pone que me lo entregaron esta mañana, pero no hay nada en el buzón ni en la puerta. Era un router mesh que necesito para el teletrabajo...`,
    tags: ['delivery', 'tracking'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `¿Puedo cancelar un pedido que está «En preparación»?`,
    body: `Me he equivocado de color en la funda del móvil. El estado del pedido es «En preparación».`,
    tags: ['order', 'cancel'],
    answers: [
      { body: `Sí. Mientras esté en preparación te sale el botón **Cancelar pedido** en el detalle. Una vez enviado ya no se puede, tendrías que hacer una devolución.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `¿Cuánto tarda un envío a Canarias y hay que pagar aduanas?`,
    body: `Vivo en Las Palmas y quiero pedir unos auriculares de la tienda online. ¿Cuántos días tarda? ¿Tendré que pagar algo al recibirlo?`,
    tags: ['shipping', 'delivery'],
    answers: [
      { body: `Según la web, de 5 a 7 días laborables.` },
      { body: `Sobre aduanas: la tienda Nubia ya incluye el IGIC y hace los trámites, así que no pagas nada extra en la entrega. Yo pedí un móvil en octubre y llegó en 6 días.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `El reembolso de mi devolución no llega`,
    body: `Devolví un móvil hace 3 semanas y aún no tengo el reembolso de 329 €. En el pedido pone «Devolución recibida» desde hace 10 días.`,
    tags: ['return', 'refund'],
    answers: [
      { body: `Desde que pone «Devolución recibida» tardan unos 3 días en revisarlo y luego el banco puede tardar hasta 10 días más. Si lo pagaste a plazos no te devuelven dinero, sino que cancelan las cuotas. Si pasan de 3 semanas, reclama en el chat.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `¿Puedo devolver un móvil que ya he abierto y usado dos días?`,
    body: `Compré un móvil, lo abrí, lo probé dos días y no me convence la cámara. ¿Puedo devolverlo aunque ya no tenga el plástico protector?`,
    tags: ['return'],
    answers: [
      { body: `Sí, tienes 14 días aunque lo hayas abierto. Lo importante es que esté completo y sin daños, y que quites la cuenta de Google o iCloud antes de enviarlo.`, accepted: true },
      { body: `Haz también un restablecimiento de fábrica. No es obligatorio, pero así no mandas tus fotos y datos.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Me ha llegado la caja del router abollada`,
    body: `El router funciona bien, pero la caja vino bastante golpeada. ¿Tengo que reclamar algo por si luego da problemas?`,
    tags: ['order', 'router', 'delivery'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `El repartidor pide el DNI del titular y no voy a estar en casa`,
    body: `He pedido un móvil con línea nueva y esa semana estaré de viaje por trabajo. ¿Puede recogerlo mi pareja con una autorización?`,
    tags: ['delivery', 'order', 'sim'],
    answers: [
      { body: `No, los pedidos con SIM o contrato nuevo solo se entregan al titular con DNI. Lo que sí puedes hacer es pedir que lo envíen a una tienda Nubia y recogerlo tú cuando vuelvas (te lo guardan 15 días).`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `¿Entra en garantía la batería de un móvil comprado hace 13 meses?`,
    body: `Al móvil le falla la batería: se descarga en medio día sin apenas usarlo. Lo compré en la tienda online hace 13 meses.`,
    tags: ['warranty'],
    answers: [
      { body: `Sí, los productos nuevos tienen 3 años de garantía. Pídelo en **Mis pedidos > Garantía** y te mandan un mensajero a recogerlo.`, accepted: true },
      { body: `La batería a veces la consideran desgaste, pero en los primeros años suelen cubrirla si la capacidad ha bajado de forma anormal. Haz una captura del estado de la batería antes de enviarlo.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Me han enviado la versión de 128 GB en vez de la de 256 GB`,
    body: `Pedí el Nubia X20 de 256 GB y me ha llegado el de 128 GB. El albarán dice 256 GB, pero la caja y el móvil son de 128.`,
    tags: ['order', 'return'],
    answers: [
      { body: `Abre una incidencia de «Producto incorrecto», no una devolución normal. Así es gratis y te mandan el correcto a la vez que recogen el otro.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Puse mal la dirección de entrega, ¿se puede cambiar?`,
    body: `Acabo de hacer el pedido NB-2024-0611904 y me he dado cuenta de que puse la dirección de la casa antigua. Todavía pone «Recibido».`,
    tags: ['order', 'shipping'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Pedido atascado en «Recibido» desde hace 4 días`,
    body: `Pagué con tarjeta y el pedido sigue en «Recibido». No me han pedido nada más ni me ha llegado ningún correo. ¿Es normal que tarde tanto?`,
    tags: ['order', 'payment'],
    answers: [
      { body: `A veces el pedido se queda en verificación de pago si el banco no confirmó la autenticación. Mira si tienes un correo pidiéndote verificar la compra.` },
      { body: `A mí me pasó con un pedido financiado: estaban esperando la aprobación de la financiación y tardó 5 días.` },
      { body: `Escribe al chat de la tienda. A mí me lo desbloquearon en el momento, era un fallo con la dirección.` },
    ],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `¿Puedo comprar un móvil a plazos sin ser cliente de Nubia?`,
    body: `No tengo ninguna línea con vosotros. ¿Puedo comprar un móvil en la tienda online y pagarlo en 24 meses, o solo se puede al contado?`,
    tags: ['order', 'payment'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'orders',
    title: `Devolución rechazada porque el móvil tenía la cuenta de Google`,
    body: `Me han devuelto el móvil que envié con una nota que dice que tiene la cuenta de Google activada. Yo lo había borrado entero. ¿Qué hago ahora? Se me pasa el plazo de 14 días.`,
    tags: ['return', 'android'],
    answers: [
      { body: `Borrar el móvil no basta: hay que quitar la cuenta antes en **Ajustes > Cuentas**. Si ya está reseteado, entra en myaccount.google.com > **Seguridad > Tus dispositivos** y elimínalo de ahí. Luego pide una nueva recogida; el plazo cuenta desde tu primera solicitud, así que no lo pierdes.`, accepted: true },
    ],
  },

  // ═════════════════════════════ ES · internet ═════════════════════════════
  {
    locale: 'es',
    category: 'internet',
    title: `La fibra va mucho más lenta de lo que tengo contratado`,
    body: `Tengo 600 Mb y por wifi no paso de 90-100. Por cable en el portátil saco 580. ¿Es normal o tengo que reclamar?`,
    tags: ['speed', 'wifi', 'fiber'],
    answers: [
      { body: `Si por cable te da 580, la línea está perfecta. Lo que limita es el wifi: conéctate a la red que acaba en \`-5G\` y acércate al router. Con un móvil en 2,4 GHz, 100 Mb es lo normal.`, accepted: true },
      { body: `Mira también que la tarjeta wifi del portátil sea wifi 5 o wifi 6; muchos portátiles de hace unos años no pasan de 150 Mb por wifi.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Solo me llegan 100 megas con 1 Gb contratado, incluso por cable`,
    body: `Hago el test y me da entre 95 y 110 Mb siempre, da igual la hora. Lo he probado por cable con el ordenador de sobremesa. ¿Puede ser la línea?`,
    tags: ['speed', 'fiber'],
    answers: [
      { body: `Si es por cable y siempre sale ~100, casi seguro que el cable o la tarjeta de red son de 100 Mb (Fast Ethernet). Prueba con un cable Cat 6 y mira que el ordenador negocie a 1 Gbps. A mí me pasaba por un cable viejo de los del router anterior.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Se corta internet todas las noches sobre las 2 de la madrugada`,
    body: `Cada noche, entre las 2:00 y las 2:15, se va internet. Lo sé porque tengo una cámara de seguridad que deja de grabar justo en ese rato. ¿Es algún mantenimiento?`,
    tags: ['outage', 'router'],
    answers: [
      { body: `Puede ser la actualización automática del router, que se hace de madrugada. Si es solo un rato de 10-15 minutos, seguramente es eso.` },
      { body: `En la configuración del router (\`192.168.1.1\` > **Mantenimiento > Registro**) puedes ver si se está reiniciando a esa hora.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Luz LOS roja en el router y sin internet`,
    body: `Esta mañana no hay internet y el router tiene la luz LOS en rojo parpadeando. Ya lo he reiniciado dos veces y sigue igual.`,
    tags: ['router', 'outage', 'fiber'],
    answers: [
      { body: `LOS en rojo significa que no llega señal de fibra. Revisa el cable fino que va de la roseta al router: que no esté doblado ni pillado por un mueble y que esté bien encajado. Si sigue en rojo, es avería de línea y hay que abrir incidencia.`, accepted: true },
      { body: `Mira en la app si hay incidencia en tu zona. Ayer hubo obras en mi calle y cortaron la fibra a medio barrio.` },
      { body: `Un técnico me dijo que no toque nunca el conector de fibra por dentro ni lo sople, que se ensucia y luego da más problemas.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `¿Cuánto tarda la instalación de fibra desde que contrato?`,
    body: `Contraté el lunes por la web y todavía no me han llamado para dar cita.`,
    tags: ['installation', 'fiber'],
    answers: [
      { body: `Te llaman o te mandan un SMS en unas 48 horas laborables para dar cita. La cita suele ser en 5-10 días según la zona. Si contrataste el lunes por la tarde, puede que te llamen el jueves.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `El técnico no vino a la cita de instalación y nadie avisó`,
    body: `Tenía cita de 9 a 11, pedí el día libre en el trabajo y no ha venido nadie ni me han avisado. Son las 13:00. ¿Cómo reclamo y quién me compensa el día perdido?`,
    tags: ['installation', 'technician'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Picos de ping jugando online aunque estoy por cable`,
    body: `Juego a Valorant y tengo picos de 150 ms cada pocos minutos, aunque estoy conectado por cable. Con la compañía anterior tenía 15 ms estables. Esto es lo que sale con un ping largo:

\`\`\`
Respuesta desde 8.8.8.8: bytes=32 tiempo=14ms TTL=117
Respuesta desde 8.8.8.8: bytes=32 tiempo=15ms TTL=117
Respuesta desde 8.8.8.8: bytes=32 tiempo=163ms TTL=117
Respuesta desde 8.8.8.8: bytes=32 tiempo=14ms TTL=117
\`\`\``,
    tags: ['speed', 'fiber'],
    answers: [
      { body: `Comprueba primero que no sea otro dispositivo de casa subiendo cosas (copias de seguridad en la nube, la consola descargando actualizaciones...). Eso dispara la latencia.` },
      { body: `Haz a la vez \`ping -t 192.168.1.1\` (al router). Si ahí también hay picos, el problema está dentro de casa: cable, tarjeta de red o el propio router. Si al router va fino y fuera no, es la línea y merece la pena abrir incidencia con esas capturas.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Sin internet después de una tormenta`,
    body: `Ayer hubo tormenta y se fue la luz un rato. Ahora el router enciende, pero no hay internet. La luz de Internet está apagada y la PON en verde.`,
    tags: ['outage', 'router'],
    answers: [
      { body: `Un rayo puede haber dañado la fuente de alimentación o el router. Prueba con otro enchufe y reinícialo. Si la luz Internet sigue apagada con la PON bien, abre una avería: si el router está dañado te lo cambian sin coste.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `¿Puedo trasladar la fibra al piso nuevo sin perder la oferta?`,
    body: `Me mudo el mes que viene. Tengo una oferta muy buena que ya no existe y me da miedo que al trasladar la línea me cambien a la tarifa actual.`,
    tags: ['moving', 'fiber', 'installation'],
    answers: [
      { body: `El traslado mantiene tu tarifa y tus descuentos siempre que haya cobertura de fibra Nubia en la dirección nueva. Compruébalo primero en la web de cobertura y luego pídelo en **Internet > Traslado**.`, accepted: true },
      { body: `Yo lo hice en septiembre: me mantuvieron el precio, me dieron cita en 8 días y me dejaron el servicio activo en la casa vieja hasta el día de la instalación.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `¿Nubia usa CG-NAT? No consigo abrir puertos para mi NAS`,
    body: `Quiero acceder desde fuera a mi NAS y no consigo abrir puertos aunque los he configurado bien en el router. He leído que algunas operadoras usan CG-NAT. ¿Es el caso? La IP WAN del router empieza por \`100.64\`.`,
    tags: ['ports', 'router'],
    answers: [
      { body: `Si la IP WAN empieza por 100.64, estás detrás de CG-NAT. Se puede pedir salir de CG-NAT gratis por el chat; a mí me lo cambiaron en unas 24 horas y después los puertos funcionaron a la primera.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Mi vecino tiene fibra Nubia pero en mi dirección dice que no hay cobertura`,
    body: `Vivimos en el mismo edificio, puerta con puerta. A él se la instalaron hace un año y en la web me dice que mi dirección no tiene cobertura. ¿Puede ser un error del buscador?`,
    tags: ['fiber', 'installation'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Algunas webs no cargan y sale ERR_CONNECTION_RESET`,
    body: `Desde ayer no me cargan algunas páginas (por ejemplo la del banco) y en Chrome sale \`ERR_CONNECTION_RESET\`. En el móvil con datos sí cargan. El resto de webs va bien.`,
    tags: ['dns', 'router'],
    answers: [
      { body: `Prueba a cambiar las DNS del ordenador o del router a \`1.1.1.1\` y \`8.8.8.8\`. Si con eso cargan, era un problema de resolución de nombres.`, accepted: true },
      { body: `También puede ser algún antivirus con «protección web» o una extensión del navegador. Prueba en modo incógnito sin extensiones.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `Corte de internet en todo el barrio de Delicias (Zaragoza)`,
    body: `Desde las 10 de la mañana sin conexión. Mis vecinos de Nubia tampoco tienen. ¿Sabéis algo?`,
    tags: ['outage'],
    answers: [
      { body: `En la app sale una incidencia abierta en el código postal 50017 con resolución estimada a las 18:00. Parece que es un corte de cable por obras.` },
    ],
  },
  {
    locale: 'es',
    category: 'internet',
    title: `¿Me descuentan algo de la factura por 4 días sin internet?`,
    body: `Estuve 4 días sin conexión por una avería que no era culpa mía. ¿Me compensan en la factura o tengo que pedirlo yo?`,
    tags: ['outage', 'billing', 'refund'],
    answers: [],
  },

  // ═════════════════════════════ ES · mobile-app ═════════════════════════════
  {
    locale: 'es',
    category: 'mobile-app',
    title: `La app Mi Nubia se cierra sola al abrirla`,
    body: `Desde la última actualización la abro, sale el logo y se cierra. Tengo un Samsung A52 con Android 14. Ya he reiniciado el móvil.`,
    tags: ['app', 'android'],
    answers: [
      { body: `Borra caché y datos en **Ajustes > Aplicaciones > Mi Nubia > Almacenamiento**. A mí se me arregló así a la primera.`, accepted: true },
      { body: `Si no funciona, desinstálala y vuelve a instalarla. Han sacado la versión 5.3.1, que corrige un cierre inesperado en algunos Samsung.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `La app se cierra nada más abrirla desde que actualicé el iPhone`,
    body: `Tengo un iPhone 12 con iOS 17. La app se abre un segundo y se cierra. ¿Le pasa a alguien más o es cosa mía?`,
    tags: ['app', 'ios'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `No me llegan las notificaciones de la app en mi Xiaomi`,
    body: `Nunca me avisa de que ha llegado la factura ni del consumo de datos. En los ajustes de la app tengo todo activado.`,
    tags: ['notifications', 'android'],
    answers: [
      { body: `En Xiaomi hay que quitar el ahorro de batería: **Ajustes > Aplicaciones > Mi Nubia > Ahorro de batería > Sin restricciones**, y activar también el «Inicio automático». MIUI cierra las apps en segundo plano y por eso no llegan.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `¿Dónde veo en la app cuántos datos me quedan este mes?`,
    body: `Tengo 3 líneas en la cuenta y no encuentro el consumo de la de mi hijo.`,
    tags: ['app', 'data'],
    answers: [
      { body: `En la pantalla principal, en la tarjeta de cada línea. Si tienes varias, desliza hacia la izquierda para cambiar de línea.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `La app dice que no hay conexión pero tengo internet`,
    body: `Me sale «No hemos podido conectar con Nubia (ERR_NETWORK)». Tengo wifi y todas las demás apps funcionan.`,
    tags: ['app', 'login'],
    answers: [
      { body: `¿Tienes alguna VPN o un bloqueador de anuncios tipo Blokada? A mí me bloqueaba la conexión de la app. Al ponerla en la lista de excepciones se arregló.`, accepted: true },
      { body: `También pasa si tienes el «DNS privado» de Android configurado con algún filtro (AdGuard, NextDNS...). Prueba a ponerlo en automático.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `En la web entro bien pero en la app me dice contraseña incorrecta`,
    body: `Mismo usuario y misma contraseña. En la web entro sin problema y en la app me dice que no son correctos. Ya la he actualizado.`,
    tags: ['app', 'login', 'password'],
    answers: [
      { body: `La app puede tener guardada una contraseña antigua. Cierra sesión, borra los datos de la app y escríbela a mano. Y si la pegas desde un gestor, fíjate que no se cuele un espacio al final.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `¿Hay versión de la app para iPad?`,
    body: `En el iPad no la encuentro en la App Store. En el móvil la uso a diario.`,
    tags: ['app', 'ios'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `Pasar mi línea a eSIM desde la app`,
    body: `Me he comprado un iPhone 15 y quiero pasar a eSIM. ¿Se puede hacer desde la app o tengo que ir a una tienda?`,
    tags: ['esim', 'app', 'sim'],
    answers: [
      { body: `Desde la app: **Mis líneas > tu línea > Cambiar a eSIM**. Te pide verificar la identidad con foto del DNI y un selfie, y luego se instala directamente en el iPhone.`, accepted: true },
      { body: `Ojo: en cuanto la activas, la SIM física deja de funcionar. Hazlo conectado a un wifi.` },
      { body: `A mí la verificación del selfie me falló tres veces por la luz. Al final fui a la tienda y en 10 minutos estaba hecho.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `Sale APP_VERSION_UNSUPPORTED y en Play Store no hay actualización`,
    body: `Al abrir la app me dice que la versión ya no es compatible (\`APP_VERSION_UNSUPPORTED\`), pero en Google Play solo aparece el botón «Abrir», no «Actualizar».`,
    tags: ['app', 'android'],
    answers: [
      { body: `Borra la caché de Google Play (**Ajustes > Aplicaciones > Google Play Store > Almacenamiento**) y vuelve a buscar la app. A veces la actualización tarda unas horas en aparecer en todos los móviles.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `¿Tiene modo oscuro la app?`,
    body: `¿Alguien sabe si hay modo oscuro? Por la noche me deja ciega jaja`,
    tags: ['app'],
    answers: [
      { body: `Sigue el tema del sistema: si tienes el móvil en modo oscuro, la app también se pone oscura.` },
      { body: `Desde la versión 5.2 también puedes forzarlo en **Ajustes > Apariencia**, independientemente del sistema.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `Me llega cada notificación de la factura dos veces`,
    body: `Me llegan todos los avisos repetidos, con un segundo de diferencia. Solo tengo un móvil.`,
    tags: ['notifications', 'app'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `Error PAY-402 al pagar una factura desde la app`,
    body: `Al darle a pagar con tarjeta sale una pantalla en blanco, vuelve atrás y aparece «No se ha podido completar el pago (PAY-402)». La tarjeta funciona en otras tiendas.`,
    tags: ['app', 'payment', 'card'],
    answers: [
      { body: `Suele ser la verificación del banco (3D Secure), que se abre en otra ventana y la app no la muestra bien. Prueba a pagar desde la web en el navegador; a mí ahí sí me funcionó.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `¿Funciona la app con el wifi del hotel estando en el extranjero?`,
    body: `Me voy a Estados Unidos dos semanas y no quiero gastar datos en roaming. ¿Puedo consultar el consumo y las facturas con el wifi del hotel?`,
    tags: ['app', 'roaming'],
    answers: [
      { body: `Sí, funciona con cualquier conexión a internet, wifi incluido. Lo único que quizá te pida es el código por SMS si inicias sesión de nuevo, así que mejor entra antes de salir.` },
    ],
  },
  {
    locale: 'es',
    category: 'mobile-app',
    title: `Entrar en la app con la huella en vez de la contraseña`,
    body: `¿Se puede entrar con huella dactilar en vez de poner la contraseña cada vez? No encuentro la opción.`,
    tags: ['app', 'login', 'security'],
    answers: [
      { body: `Sí: **Ajustes > Seguridad > Acceso biométrico**. Tienes que tener una huella registrada en el móvil y entrar una vez con contraseña para activarlo.` },
      { body: `Si no te aparece la opción, es que tu móvil no tiene una huella configurada en el sistema o la app no está actualizada.` },
    ],
  },

  // ═════════════════════════════ ES · devices ═════════════════════════════
  {
    locale: 'es',
    category: 'devices',
    title: `El wifi se desconecta cada poco rato`,
    body: `Tengo el router nuevo de Nubia y cada 10-15 minutos se desconectan todos los dispositivos un momento. Luego vuelven solos. Es desesperante para las videollamadas.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `Prueba a poner un canal wifi fijo (1, 6 u 11 en 2,4 GHz) en \`192.168.1.1\` > **Wi-Fi > Avanzado**. Si tienes muchos vecinos, el modo automático a veces cambia de canal y desconecta a todo el mundo.`, accepted: true },
      { body: `Mira también la temperatura del router. Si está encerrado en un mueble se calienta y puede reiniciar el wifi.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `Se corta el wifi cada pocos minutos y tengo que volver a conectarme`,
    body: `Desde hace una semana el móvil y el portátil pierden el wifi cada dos por tres. La tele, que está por cable, va perfecta.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `¿Tienes activada la opción de unir 2,4 y 5 GHz en una sola red? Con algunos dispositivos da problemas. Sepáralas en dos redes con nombres distintos y conéctate a la de 5 GHz.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `¿Cómo cambio la contraseña del wifi?`,
    body: `Quiero cambiarla porque se la he dado a demasiada gente 😅`,
    tags: ['wifi', 'password', 'router'],
    answers: [
      { body: `En la app Mi Nubia > **Mi router > Wi-Fi > Editar**. O entrando en \`192.168.1.1\` con la contraseña de acceso de la pegatina. Ojo, que se te desconectará todo y tendrás que volver a conectar cada dispositivo.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `He olvidado la contraseña de administrador del router`,
    body: `La cambié hace tiempo y no la recuerdo. No puedo entrar en 192.168.1.1 para abrir un puerto.`,
    tags: ['router', 'password', 'reset'],
    answers: [
      { body: `Tendrás que restaurarlo de fábrica: mantén pulsado el botón RESET con un clip 10 segundos. Pierdes tu configuración del wifi, pero la de Nubia se descarga sola. Luego entras con la contraseña de la pegatina.`, accepted: true },
      { body: `Antes de resetear, mira si lo que quieres hacer está en la app; muchas cosas (wifi, invitados, reinicio) se pueden cambiar sin la contraseña de administrador.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `El decodificador de TV dice «Sin señal» con el código E-104`,
    body: `Se ve la pantalla azul de Nubia TV y pone «Sin señal (E-104)». Internet funciona bien en el resto de la casa.`,
    tags: ['tv', 'router'],
    answers: [
      { body: `E-104 significa que el deco no conecta con el servidor de TV. Si está por wifi, pásalo a cable. Si ya está por cable, reinicia primero el router y después el deco, en ese orden.`, accepted: true },
      { body: `A mí me pasaba porque tenía un PLC entre medias; conectándolo directo al router se arregló.` },
      { body: `Si sigue igual: en el deco, **Ajustes > Sistema > Restablecer**. Tarda unos 10 minutos en reconfigurarse, no lo apagues mientras tanto.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `¿Puedo usar mi propio router en lugar del de Nubia?`,
    body: `Tengo un ASUS con mejor wifi y más opciones. ¿Se puede poner en lugar del vuestro? ¿Qué datos necesito para configurarlo?`,
    tags: ['router', 'fiber'],
    answers: [
      { body: `Sí, pero tienes que dejar el de Nubia en modo puente (bridge) o pedir por el chat los datos de conexión (VLAN y usuario). Es un poco técnico, pero se hace.` },
      { body: `Ten en cuenta que la TV no funcionará con el router propio salvo que configures también la VLAN de televisión. Yo al final dejé el de Nubia y puse el ASUS como punto de acceso, y tan contento.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `El router está muy caliente, ¿es normal?`,
    body: `Lo toco por la parte de arriba y quema bastante. Está en una estantería abierta, no encerrado.`,
    tags: ['router'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `¿Merece la pena el amplificador mesh de Nubia?`,
    body: `Piso de 110 m² en forma de L. El router está en un extremo y en el dormitorio casi no llega el wifi. ¿Alguien tiene el mesh de Nubia? ¿Qué tal funciona?`,
    tags: ['mesh', 'wifi'],
    answers: [
      { body: `Yo lo tengo en una casa de dos plantas y la diferencia es enorme. Se configura desde la app en 5 minutos y mantiene la misma red, así que el móvil cambia solo de uno a otro.`, accepted: true },
      { body: `Antes de comprarlo, prueba a mover el router a una zona más central si puedes. A veces con eso basta.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `Mi móvil no detecta la red wifi de 5 GHz`,
    body: `En el portátil veo las dos redes, la normal y la -5G, pero en el móvil (un Motorola de hace unos años) solo aparece la de 2,4.`,
    tags: ['wifi'],
    answers: [
      { body: `Algunos móviles no admiten ciertos canales de 5 GHz (los DFS, del 52 al 144). Pon el canal de 5 GHz en 36 o 40 desde la configuración del router y vuelve a buscar redes.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `Todas las luces del router parpadean a la vez después de un apagón`,
    body: `Después de un corte de luz, el router tiene todas las luces parpadeando y no para. Lleva así más de una hora.`,
    tags: ['router', 'reset'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `La impresora no se conecta después de cambiar la contraseña del wifi`,
    body: `Cambié la contraseña del wifi y ahora la impresora HP no se conecta. No tiene pantalla, así que no sé cómo meterle la clave nueva.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `Usa el botón WPS: pulsa WPS en el router y, en menos de 2 minutos, mantén pulsado el botón de wifi de la impresora unos 3 segundos. Se conecta sola sin escribir la contraseña.`, accepted: true },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `Cómo devolver el router y el deco al darme de baja`,
    body: `Me doy de baja la semana que viene. ¿Cómo devuelvo el router y el decodificador? ¿Me cobran si no lo hago?`,
    tags: ['router', 'return', 'cancel'],
    answers: [
      { body: `Te mandan un correo con una etiqueta para llevarlo a un punto de entrega, y tienes 30 días. Si no lo devuelves te cobran el equipo según las condiciones del contrato.` },
      { body: `Guarda siempre el justificante de entrega. A mi cuñado le intentaron cobrar el router y gracias al justificante lo anularon.` },
    ],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `El deco se reinicia solo mientras veo la tele`,
    body: `Cada noche, viendo una película, el decodificador se reinicia y vuelve al menú de inicio. Pasa dos o tres veces por semana.`,
    tags: ['tv'],
    answers: [],
  },
  {
    locale: 'es',
    category: 'devices',
    title: `¿Cómo activo la red wifi para invitados?`,
    body: `Vienen mis suegros una semana y no quiero darles la contraseña principal.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `En la app: **Mi router > Wi-Fi > Invitados**. Puedes ponerle una caducidad (24 horas, una semana...) y se apaga sola.` },
    ],
  },

  // ═════════════════════════════ EN · account ═════════════════════════════
  {
    locale: 'en',
    category: 'account',
    title: `Can't log in after changing my password`,
    body: `I changed my password yesterday on the website and now it just says "Incorrect email or password" every time. I'm 100% sure I'm typing the new one. Anyone else had this?`,
    tags: ['password', 'login'],
    answers: [
      { body: `Check whether your browser is autofilling the old password. Delete the saved entry for Nubia in your password manager and type the new one manually. That was exactly my problem.`, accepted: true },
      { body: `Also try your mobile number instead of your email. Some older accounts have separate logins and you might have changed the password on the other one.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Login fails since I reset my password`,
    body: `Did the forgot-password thing, got the code, set a new password and got the "Password updated" message. Now every login attempt gives me:

\`\`\`
AUTH_INVALID_CREDENTIALS
\`\`\`

Tried on my phone and laptop. Same thing.`,
    tags: ['password', 'login'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'account',
    title: `How do I change the mobile number my verification codes go to?`,
    body: `I've got a new personal number with a different carrier and want my sign-in codes to go there instead of my old Nubia line, which I'm cancelling.`,
    tags: ['account', 'sms', 'two-factor'],
    answers: [
      { body: `Go to **Profile > Security > Two-step verification > Change phone number**. It sends a code to the old number first and then to the new one, so do it before you cancel the old line.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Two-step verification text message never arrives`,
    body: `Trying to log in and the 2FA code just never shows up. Waited 10 minutes, requested another one, nothing. I do get texts from my bank fine.`,
    tags: ['two-factor', 'sms'],
    answers: [
      { body: `Don't keep requesting new ones — each new code cancels the previous one, and after a few requests it throttles you for a while.` },
      { body: `If you're abroad, texts can be really delayed. Switching to an authenticator app solved it for good for me.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Account locked after too many attempts, how long does it last?`,
    body: `Mistyped my password a few times and now it says "Account temporarily locked". Do I need to call someone?`,
    tags: ['login', 'password'],
    answers: [
      { body: `No need to call. It unlocks by itself after 30 minutes. Just don't keep trying in the meantime, because every attempt restarts the timer.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Weird email asking me to confirm my Nubia details, is it a scam?`,
    body: `Got an email saying my account will be suspended unless I "confirm my billing information" within 24 hours. The button goes to nubia-account-help.net and asks for my card number. Looks dodgy to me but the logo is perfect.`,
    tags: ['security', 'email'],
    answers: [
      { body: `It's a scam. Nubia only emails from \`@nubia.example\` addresses and will never ask for your password or card details by email. Delete it and don't click anything.`, accepted: true },
      { body: `If you already entered your card, call your bank now and cancel it, then change your Nubia password.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Switching from SMS codes to an authenticator app`,
    body: `I travel a lot and the text codes are unreliable abroad. Can I move my two-step verification to Microsoft Authenticator without turning it off first?`,
    tags: ['two-factor', 'security'],
    answers: [
      { body: `Yes. **Profile > Security > Two-step verification > Change method**, then pick "Authenticator app" and scan the QR code. You'll get a fresh set of recovery codes, so save those somewhere.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Lost my phone with the authenticator app on it`,
    body: `My phone was stolen last night. It had my authenticator app with the Nubia codes on it. I have a new phone but obviously can't get the codes. I did NOT save the recovery codes, I know, I know.`,
    tags: ['two-factor', 'security', 'account'],
    answers: [
      { body: `Sorry to hear that. First, call support to block the SIM on the stolen phone. While you're on the call, ask them to reset your two-step verification — they'll check your ID and a recent bill number, and then you can set it up again on the new phone.`, accepted: true },
      { body: `Once you're back in, check **Profile > Security > Devices** and remove the stolen phone from the list.` },
      { body: `For next time: Microsoft and Google authenticators both support cloud backup now. Worth switching it on.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Can I manage my elderly parents' account from my own login?`,
    body: `My mum and dad have Nubia fiber and a landline. They're not very techy and I end up doing everything for them with their password. Is there a proper way to link their account to mine?`,
    tags: ['account'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'account',
    title: `How do I close my Nubia account completely?`,
    body: `I've already cancelled all my services and returned the router. I'd like the account itself deleted so I stop getting emails.`,
    tags: ['account', 'cancel'],
    answers: [
      { body: `You have to wait until your final bill has been paid. After that you can request deletion under **Profile > Privacy > Delete my account**.` },
      { body: `Note they keep invoices for a few years for tax reasons even after deletion, but marketing emails stop straight away. You can unsubscribe from those right now in **Profile > Communications**.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Where can I see every device signed in to my account?`,
    body: `I think I'm still signed in on an old work laptop. Is there a list somewhere so I can log it out remotely?`,
    tags: ['security', 'login'],
    answers: [
      { body: `**Profile > Security > Devices**. It shows the browser or phone, the approximate location and the last sign-in. Hit "Sign out" next to the laptop, or "Sign out everywhere" at the bottom.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Changing the name on my account after getting married`,
    body: `I got married and changed my surname on my ID. The contract and bills are still under my maiden name. What documents do you need?`,
    tags: ['account'],
    answers: [
      { body: `It's not a change of account holder, just a name update, so it's free. Upload your new ID under **Profile > Personal details > Update name** and they check it within a couple of days.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `New password keeps getting rejected as "does not meet requirements"`,
    body: `It keeps saying "Password does not meet requirements" but mine is 14 characters with a number and a symbol. What am I missing?`,
    tags: ['password', 'account'],
    answers: [
      { body: `It needs at least one capital letter as well. That one catches a lot of people.`, accepted: true },
      { body: `Also some characters aren't allowed, like spaces and \`<\` \`>\`. If your password manager generates those, tell it to exclude them.` },
    ],
  },
  {
    locale: 'en',
    category: 'account',
    title: `Someone signed up for a Nubia account using my email address`,
    body: `I just got a "Welcome to Nubia" email and I've never been a customer. Somebody has used my email to register. How do I get it removed?`,
    tags: ['account', 'email', 'security'],
    answers: [],
  },

  // ═════════════════════════════ EN · billing ═════════════════════════════
  {
    locale: 'en',
    category: 'billing',
    title: `Charged twice for the same month`,
    body: `My bank shows two payments of €42.50 to NUBIA on the 4th. There's only one bill in my account. How do I get the second one back?`,
    tags: ['billing', 'refund', 'direct-debit'],
    answers: [
      { body: `Raise a claim from **Bills > Questions about this bill?** and attach a screenshot of your bank statement. Mine was refunded to my account in about a week.`, accepted: true },
      { body: `Check if one of them is actually last month's bill that bounced and got retried. Happened to me once after changing banks.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Double charge on my bank statement this month`,
    body: `Looks like Nubia took my direct debit twice this month?? Same amount, same day. Not impressed, that's rent money.`,
    tags: ['billing', 'direct-debit'],
    answers: [
      { body: `Sounds like the same thing a few people had this month. Open a claim with a screenshot of the statement — they refund duplicates pretty quickly once you report it.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Why is my first bill so much higher than my plan price?`,
    body: `Signed up for the €30/month plan and my first bill is €51. Did I get scammed?`,
    tags: ['invoice', 'billing'],
    answers: [
      { body: `No, it's pro-rating. The first bill covers the days from installation to the end of that month plus the next full month in advance. From the second bill on you'll pay the normal €30.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Promo price ended and my bill went up without warning`,
    body: `Bill jumped from €25 to €40 this month. I get that the 12-month discount ended, but I genuinely didn't see any notice. Is there anything I can do?`,
    tags: ['discount', 'plan'],
    answers: [
      { body: `They do send an email a month before, but it often lands in spam. Worth checking.` },
      { body: `Call and ask for retentions. Say you're comparing other providers. I got a new 12-month discount on the same call.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `How do I update my card before it expires?`,
    body: `My card expires at the end of the month and the bank has sent me a new one. Will Nubia update it automatically?`,
    tags: ['card', 'payment'],
    answers: [
      { body: `Not automatically. Go to **Bills > Payment method > Card > Change** and add the new one. They do a €0.00 check to validate it, so you won't see a charge.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `What is the "Premium rate services" line on my invoice?`,
    body: `There's a €4.35 charge called "Premium rate services" on my last bill. I have no idea what it is.`,
    tags: ['invoice', 'billing'],
    answers: [
      { body: `Usually texts to a short number (competitions, subscriptions) or calls to 806/905 numbers. The itemised usage section shows the exact number and date.`, accepted: true },
      { body: `You can block premium services for free under **My lines > Services > Premium rate**, so it can't happen again.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Refund for an overcharge still not showing after two weeks`,
    body: `Support agreed on the phone that I'd been overcharged €18 and said it would be refunded. Two weeks later nothing in my bank. Reference number is \`RC-2024-55310\`.`,
    tags: ['refund', 'billing'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Can I move my payment date to the end of the month?`,
    body: `I get paid on the 25th and the bill comes out on the 3rd, which is tight. Can it be moved?`,
    tags: ['billing', 'direct-debit'],
    answers: [
      { body: `As far as I know the billing date is fixed for everyone. What you can do is switch to card payment and pay manually from **Bills > Pay now** any time before the due date shown on the bill.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Roaming charges in Switzerland, isn't that covered like the EU?`,
    body: `Spent three days in Geneva and got hit with €27 of roaming. I thought Europe was free.`,
    tags: ['roaming', 'billing'],
    answers: [
      { body: `Switzerland isn't in the EU, so it's not covered by EU roaming rules. It's in a separate zone with its own prices. You can add a roaming pack in the app before travelling next time.`, accepted: true },
      { body: `Same for the UK since Brexit, worth knowing.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Early termination fee if I'm moving abroad for good`,
    body: `I'm relocating to Canada in two months and still have 8 months left on my fiber contract. Is there any way to avoid the early termination fee if I can prove I'm leaving the country?`,
    tags: ['cancel', 'billing'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `My invoice shows an old address`,
    body: `The address printed on my bills is from two flats ago. Service is at the right place, just the invoice is wrong. Need it fixed for a residence application.`,
    tags: ['invoice', 'account'],
    answers: [
      { body: `You can change it under **Profile > Personal details > Billing address**. The next bill will have the new one. If you need a corrected copy of an old bill, ask via chat and they'll reissue it.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Can my dad still get paper bills in the post?`,
    body: `He's 82 and doesn't use email. Is paper billing still an option, and does it cost extra?`,
    tags: ['invoice', 'billing'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Downgrading my plan mid-contract, will I pay a penalty?`,
    body: `I'm on 1 Gbps and barely use 200. Want to drop to the 300 Mbps plan. I'm 10 months into an 18-month contract.`,
    tags: ['plan', 'billing'],
    answers: [
      { body: `I did this last year. Downgrading within fiber plans didn't reset or break my contract, so no fee. The new price kicked in on the next bill.`, accepted: true },
      { body: `Just double-check if your original offer had a discount tied to the 1 Gbps plan, because you might lose it.` },
      { body: `The app shows any fee before you confirm the change, so you can check without committing.` },
    ],
  },
  {
    locale: 'en',
    category: 'billing',
    title: `Payment failed with PAY-402 but the money left my account`,
    body: `Tried to pay an overdue bill by card. Got "Payment could not be completed (PAY-402)" but my banking app shows €39.90 gone. The bill still shows as unpaid.`,
    tags: ['payment', 'card'],
    answers: [
      { body: `That's almost always a pending hold, not a real charge. It disappears from your bank in 3-5 days. Pay again from the website in a browser (not the app) and it should go through.`, accepted: true },
    ],
  },

  // ═════════════════════════════ EN · orders ═════════════════════════════
  {
    locale: 'en',
    category: 'orders',
    title: `Order shows delivered but never arrived`,
    body: `Order NB-2024-0599214. Tracking changed to "Delivered" at 11:42 this morning. I was working from home all day and nobody knocked. Nothing in the mailbox either.`,
    tags: ['order', 'delivery', 'tracking'],
    answers: [
      { body: `Report it from **My orders > I have a problem** within 48 hours. The courier has to provide proof of delivery (signature or photo). If they can't, Nubia sends a replacement.`, accepted: true },
      { body: `Check with neighbours first. Mine was left with the lady downstairs and the driver "forgot" to leave a card.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Tracking says delivered, no package at my door`,
    body: `The courier website says my parcel was delivered at 9am today. There's nothing at my door and I've checked with the building concierge. What now?`,
    tags: ['delivery', 'tracking'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `How long does a refund take after sending a return?`,
    body: `I returned a pair of earbuds last week. The courier confirmed pickup. When should I expect the money?`,
    tags: ['return', 'refund'],
    answers: [
      { body: `About 3 working days after the warehouse receives it, then up to 10 days for your bank. So roughly two weeks in total.`, accepted: true },
      { body: `You'll get an email when they process it. Mine came 4 days after pickup and the refund appeared on my card 2 days later.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Can I return a phone I bought on instalments?`,
    body: `Bought a phone on a 24-month plan three days ago and regret it. Can I still return it, or am I stuck with the instalments?`,
    tags: ['return', 'order', 'payment'],
    answers: [
      { body: `Yes, the 14-day return applies to instalment purchases too. They cancel the remaining instalments and refund any you've already paid.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Tracking link stuck on "Label created" for 3 days`,
    body: `My order supposedly shipped on Monday but the courier page still says "Label created". Is it lost?`,
    tags: ['tracking', 'shipping'],
    answers: [
      { body: `That usually means the warehouse printed the label but the courier hasn't scanned it yet. Give it another day.` },
      { body: `Had the same thing before a bank holiday. It jumped straight to "Out for delivery" on day 4.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Wrong colour phone case delivered`,
    body: `Ordered the navy case, got a pink one. The packing slip says navy. Do I do a normal return?`,
    tags: ['order', 'return'],
    answers: [
      { body: `Use "Wrong item received" rather than a normal return. That way the pickup is free and they send the right one at the same time.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Do you ship to Andorra or Gibraltar?`,
    body: `I live in Andorra and would like to order a router from the online store. I can't find it in the address country list.`,
    tags: ['shipping'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Courier needs the account holder's ID, can my flatmate sign?`,
    body: `My new SIM and phone are arriving tomorrow but I'll be at work. Can my flatmate sign for it if I give him a copy of my ID?`,
    tags: ['delivery', 'sim'],
    answers: [
      { body: `Unfortunately not. Orders with a SIM or new contract can only be handed to the account holder showing their ID. Choose "Collect in store" instead and pick it up whenever suits you.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Is a cracked screen covered by the warranty?`,
    body: `Dropped my phone (bought from Nubia 5 months ago) and the screen cracked. Does the 3-year warranty cover this?`,
    tags: ['warranty'],
    answers: [
      { body: `No, the warranty only covers manufacturing faults, not accidental damage. If you took out device insurance when you bought it, you can claim through that instead.`, accepted: true },
      { body: `If you don't have insurance, the repair quote from the official service centre is usually cheaper than a third-party shop for the original screen.` },
      { body: `Check your home insurance too, some policies cover phones.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `No charger in the box with my new phone`,
    body: `Just unboxed my new phone and there's only a USB-C cable, no plug. Is this a packing mistake?`,
    tags: ['order'],
    answers: [
      { body: `Most manufacturers stopped including chargers a couple of years ago, it's in the product description under "What's in the box". Any USB-C PD charger will work.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Can I cancel my order after it has shipped?`,
    body: `Ordered a tablet yesterday and found it cheaper elsewhere. Status is already "Shipped".`,
    tags: ['order', 'cancel', 'return'],
    answers: [
      { body: `Once it's shipped you can't cancel, but you can refuse the delivery or return it within 14 days for a full refund. Refusing the delivery is quickest.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Return pickup never showed up`,
    body: `Booked a home pickup for my return (RMA-51877) for Thursday, stayed home all day and nobody came. No message, nothing.`,
    tags: ['return'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Discount code WELCOME10 not working at checkout`,
    body: `Trying to use WELCOME10 and it says "This code is not valid for items in your cart". It's my first order.`,
    tags: ['discount', 'order'],
    answers: [
      { body: `WELCOME10 doesn't apply to phones or anything already on sale, only accessories at full price. If your cart has a phone, that's why.`, accepted: true },
      { body: `Also it's tied to the email you subscribed with, so make sure you're checking out with the same account.` },
    ],
  },
  {
    locale: 'en',
    category: 'orders',
    title: `Order stuck on "Being prepared" for a whole week`,
    body: `Placed order NB-2024-0620117 eight days ago, still "Being prepared". No emails. The item showed as in stock when I bought it.`,
    tags: ['order', 'shipping'],
    answers: [],
  },

  // ═════════════════════════════ EN · internet ═════════════════════════════
  {
    locale: 'en',
    category: 'internet',
    title: `Fiber speed much lower than what I pay for`,
    body: `I'm paying for 600 Mbps and speed tests on my phone show 80-120 Mbps. That's not even close. Should I report a fault?`,
    tags: ['speed', 'fiber', 'wifi'],
    answers: [
      { body: `Test over an ethernet cable first. If you get ~550+ wired, your line is fine and it's the Wi-Fi. Phones over Wi-Fi rarely get near 600, especially on 2.4 GHz.`, accepted: true },
      { body: `Make sure the phone is on the network ending in \`-5G\`. That alone took me from 90 to 400.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Only getting 100 Mbps on a 600 Mbps plan, even over ethernet`,
    body: `Wired into the router, still capped at around 94 Mbps. Every single test, any time of day. Line fault?`,
    tags: ['speed', 'fiber'],
    answers: [
      { body: `~94 Mbps exactly is the classic sign of a 100 Mbps link. Either the cable is old (Cat 5 with a broken pair) or the network card is Fast Ethernet. Swap the cable for a Cat 6 and check the link speed in your network adapter settings.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Internet drops every evening around 8pm`,
    body: `Every night between about 8 and 10pm the connection cuts out for 30 seconds to a minute, several times. Daytime is perfect. Over Wi-Fi and cable.`,
    tags: ['outage', 'fiber'],
    answers: [
      { body: `If it happens on cable too, it's probably not your Wi-Fi. Check the router's event log for "PON down" or "LOS" entries at those times and report it with screenshots.` },
      { body: `Mine did exactly this and it turned out to be a faulty splitter in the street box. A technician fixed it in 20 minutes, but it took a couple of weeks to get them to take it seriously — log every drop with the time.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Red LOS light on the router and no internet`,
    body: `Woke up to no internet. The LOS light on the router is blinking red, PON is off. Restarted twice already.`,
    tags: ['router', 'outage', 'fiber'],
    answers: [
      { body: `LOS means no fiber signal reaching the router. Check the thin fiber cable between the wall socket and the router isn't bent, kinked or pulled out. If it's fine and still red, it's a line fault — report it and they'll send a technician.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Installation technician didn't show up`,
    body: `Had a 2-4pm installation slot today. Took the afternoon off. Nobody came, no call, no text. The app still shows the appointment as "Scheduled".`,
    tags: ['installation', 'technician'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `How long after ordering does fiber installation happen?`,
    body: `Just ordered fiber online. Roughly how long until I'm actually connected? My current contract runs out in 3 weeks.`,
    tags: ['installation', 'fiber'],
    answers: [
      { body: `You get a call within 48 hours to book a slot, and installation is usually 5-10 days later depending on the area. 3 weeks should be fine, and you don't need to cancel your old provider — Nubia handles the switch.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Can the technician put the router in a different room from the phone socket?`,
    body: `Our phone socket is in the hallway by the front door, which is the worst place for Wi-Fi. Can I ask them to run the fiber to the living room instead?`,
    tags: ['installation', 'router', 'wifi'],
    answers: [
      { body: `Yes, just tell the technician when they arrive. They can run the fiber along the skirting board to another room, within reason (usually up to about 15 metres).`, accepted: true },
      { body: `We asked for the middle of the flat and it made a massive difference. They used existing conduit so no drilling.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Getting ERR_CONNECTION_RESET on some websites only`,
    body: `Since yesterday some sites (my bank, a couple of news sites) won't load and Chrome shows \`ERR_CONNECTION_RESET\`. Everything else works. On 4G the same sites load fine.`,
    tags: ['dns', 'router'],
    answers: [
      { body: `Try changing your DNS to \`1.1.1.1\` / \`8.8.8.8\`, either on your computer or in the router's LAN settings. If that fixes it, it was a DNS issue.`, accepted: true },
      { body: `Also check you haven't got an antivirus doing "HTTPS scanning". Mine broke a bunch of sites after an update.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `High ping and lag spikes in online games`,
    body: `Ping in-game jumps from 20ms to 200ms+ every few minutes. I'm wired. Here's a traceroute during a spike:

\`\`\`
 1    1 ms    1 ms    1 ms  192.168.1.1
 2  187 ms  201 ms  195 ms  10.44.0.1
 3  190 ms  188 ms  192 ms  core1.mad.nubia.example
\`\`\`

Looks like it's the hop after my router?`,
    tags: ['speed', 'fiber'],
    answers: [
      { body: `Your router hop is 1 ms, so your home network is fine. The jump is at the first hop outside, which points to the line or local equipment. Open a fault with that traceroute attached.` },
      { body: `Make sure nothing else in the house is uploading during the spikes (cloud backup, a console updating). Uploads saturate the line and cause exactly this.` },
      { body: `Ask support to check the line for errors on the optical side. Mine had a dirty connector and the spikes disappeared after the visit.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Is there an outage in Málaga right now?`,
    body: `No internet since about 3pm in the Teatinos area. Router lights look normal but nothing loads.`,
    tags: ['outage'],
    answers: [
      { body: `The app shows an open incident for 29010 with an estimated fix at 7pm. You can turn on notifications for it so you know when it's sorted.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Will I get compensation for 5 days without internet?`,
    body: `My fiber was down for 5 days because of a fault in the street. I work from home and had to use mobile data. Do I get anything back?`,
    tags: ['outage', 'refund', 'billing'],
    answers: [
      { body: `Yes, outages longer than 48 hours are compensated automatically on the next bill, pro-rated for the days affected. If you had extra mobile data costs, you can claim those separately with the receipts.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Moving house, can I take my fiber with me?`,
    body: `Moving across town next month. Do I need to cancel and re-sign, or can the line be moved? I'm halfway through my contract.`,
    tags: ['moving', 'fiber'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Port forwarding not working, am I behind CG-NAT?`,
    body: `I set up port forwarding for my Plex server and it still can't be reached from outside. The WAN IP on the router starts with \`100.72\`, which is different from what whatismyip shows.`,
    tags: ['ports', 'router'],
    answers: [
      { body: `Yes, \`100.64.0.0/10\` is the CG-NAT range, so your router doesn't have a public IP. Ask support via chat to take you off CG-NAT — it's free and took about a day for me.`, accepted: true },
      { body: `Alternatively use something like Tailscale or Plex's relay, which work behind CG-NAT without any port forwarding.` },
    ],
  },
  {
    locale: 'en',
    category: 'internet',
    title: `Speed test results vary a lot between different sites`,
    body: `One site says 580 Mbps, another says 210, and the one in my browser says 350. All within five minutes, same laptop, wired. Which one do I trust?`,
    tags: ['speed'],
    answers: [],
  },

  // ═════════════════════════════ EN · mobile-app ═════════════════════════════
  {
    locale: 'en',
    category: 'mobile-app',
    title: `App crashes on startup after the latest update`,
    body: `Pixel 7, Android 14. Since updating yesterday the My Nubia app shows the splash screen and then closes. Reinstalling didn't help.`,
    tags: ['app', 'android'],
    answers: [
      { body: `Clear the app data, not just the cache: **Settings > Apps > My Nubia > Storage > Clear storage**. Reinstalling sometimes restores the old data from backup, which is what keeps crashing it.`, accepted: true },
      { body: `There's a fix in 5.3.1, so check for another update in the Play Store.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `My Nubia app closes immediately when I open it`,
    body: `iPhone 13, iOS 17.4. Tap the icon, it flashes open and closes instantly. Was working fine last week.`,
    tags: ['app', 'ios'],
    answers: [
      { body: `Offload the app (**Settings > General > iPhone Storage > My Nubia > Offload App**) and then reinstall. That keeps your settings but replaces the app itself. Worked for my wife's phone.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Not getting any push notifications from the app`,
    body: `I have bill and data alerts turned on in the app but never receive anything. Samsung Galaxy S22.`,
    tags: ['notifications', 'android'],
    answers: [
      { body: `Samsung puts apps to sleep. Go to **Settings > Battery > Background usage limits** and make sure My Nubia isn't in "Sleeping apps" or "Deep sleeping apps". Then sign out and back in so the phone re-registers for notifications.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `The app keeps logging me out every day`,
    body: `Every morning I open the app and have to log in again with the password and text code. Annoying. Is there a "remember me"?`,
    tags: ['app', 'login'],
    answers: [
      { body: `Do you have any "phone cleaner" or battery saver app installed? Those wipe app data and log you out.` },
      { body: `Turn on fingerprint/Face ID sign-in in **Settings > Security**. The session then lasts 90 days and you just unlock with biometrics.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `How do I switch my physical SIM to an eSIM in the app?`,
    body: `Got a new phone that supports eSIM and want to get rid of the physical card. Can I do it myself?`,
    tags: ['esim', 'sim', 'app'],
    answers: [
      { body: `Yes: **My lines > select your line > Switch to eSIM**. You verify your identity with a photo of your ID and a selfie, then it installs directly. Do it on Wi-Fi, because the physical SIM stops working as soon as the eSIM activates.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `App shows 0 GB data used but I've definitely been using data`,
    body: `It's the 18th and the app says I've used 0.0 GB of my 50 GB. I've been streaming on the train every day.`,
    tags: ['app', 'data'],
    answers: [
      { body: `Usage can be delayed by up to 48 hours, but 0 all month sounds like a display bug. Pull down to refresh, or check on the website which pulls it live.`, accepted: true },
      { body: `Check you're looking at the right line if you have more than one. The app defaults to the first line on the account.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Is there a My Nubia app for Huawei phones without Google Play?`,
    body: `Can't find it in AppGallery and my Huawei doesn't have Google services.`,
    tags: ['app', 'android'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Face ID option is missing in the app settings`,
    body: `My partner has a "Sign in with Face ID" toggle in the app, I don't. Same iPhone model, same app version.`,
    tags: ['app', 'ios', 'security'],
    answers: [
      { body: `Check **Settings > My Nubia** on the iPhone and make sure Face ID access is allowed for the app. If you denied it the first time, the toggle disappears from the app.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Can't add my second mobile line to the app`,
    body: `I have two lines (mine and my son's) under the same account but the app only shows mine.`,
    tags: ['app', 'account'],
    answers: [
      { body: `Both lines have to be under the same customer account, not just the same payer. If your son's line was set up as a separate account, you need to merge them via chat or in a store.`, accepted: true },
      { body: `Also try logging in with your email rather than your phone number. With the number it only shows that line.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `The app is only in Spanish, how do I change the language?`,
    body: `My Spanish isn't great and I'd like to use the app in English. My phone is set to English but the app stays in Spanish.`,
    tags: ['app'],
    answers: [
      { body: `Open the profile menu, go to **Ajustes > Idioma** and choose English. It doesn't follow the phone language automatically.` },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `ERR_NETWORK in the app, but only on my home Wi-Fi`,
    body: `On 4G the app works. On my home Wi-Fi it says "Couldn't connect to Nubia (ERR_NETWORK)". All other apps work on Wi-Fi. I do have a Pi-hole.`,
    tags: ['app', 'wifi', 'dns'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Where do I find my PUK code in the app?`,
    body: `Entered my PIN wrong three times and now my phone is asking for the PUK. I don't have the original card holder anymore.`,
    tags: ['sim', 'app'],
    answers: [
      { body: `Log in to the app from another device (or the website) and go to **My lines > your line > SIM & PIN > Show PUK**. Careful — 10 wrong PUK attempts block the SIM permanently.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Blank screen when trying to pay a bill in the app`,
    body: `Tap "Pay now", pick card, and I just get a white screen. Have to force close the app. Android 13, app version 5.3.0.`,
    tags: ['app', 'payment'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'mobile-app',
    title: `Can I restart my router from the app when I'm not at home?`,
    body: `My smart cameras went offline while I'm away for the weekend. Can I reboot the router remotely?`,
    tags: ['app', 'router', 'restart'],
    answers: [
      { body: `Yes, **My router > Restart** works from anywhere as long as the router is still connected to the internet. If it's completely offline, the app can't reach it either.` },
    ],
  },

  // ═════════════════════════════ EN · devices ═════════════════════════════
  {
    locale: 'en',
    category: 'devices',
    title: `Router keeps dropping Wi-Fi every few minutes`,
    body: `Every 5-10 minutes all wireless devices lose connection for a few seconds. Wired devices are fine. It's the Nubia router that came with my fiber.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `Set a fixed channel instead of "Auto" in \`192.168.1.1\` > **Wi-Fi > Advanced**. On 2.4 GHz use 1, 6 or 11. In busy apartment buildings Auto keeps hopping channels and kicks everyone off.`, accepted: true },
      { body: `Also try splitting 2.4 and 5 GHz into separate networks. Band steering causes drops with some older laptops.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Wi-Fi disconnects constantly, I have to reconnect all the time`,
    body: `My phone and laptop keep falling off the Wi-Fi and sometimes don't reconnect on their own. The TV on ethernet never has issues. Started about a week ago.`,
    tags: ['wifi', 'router'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `How do I change my Wi-Fi password?`,
    body: `Want to change it from the random one on the sticker to something my family can actually type.`,
    tags: ['wifi', 'password', 'router'],
    answers: [
      { body: `Easiest is the app: **My router > Wi-Fi > Edit**. Change both the 2.4 and 5 GHz networks if they're separate. Every device will disconnect and need the new password.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Forgot the router admin password`,
    body: `I changed the admin password for 192.168.1.1 ages ago and can't remember it. Need to get into the settings to set up a static IP.`,
    tags: ['router', 'password', 'reset'],
    answers: [
      { body: `Only way is a factory reset: hold the RESET pinhole button for 10 seconds. The Nubia settings come back automatically, but your Wi-Fi name and password revert to the sticker, so you'll need to reconnect everything.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `TV box stuck on "No signal E-104"`,
    body: `The Nubia TV box shows "No signal (E-104)" on a blue screen. Internet works on everything else. Box is connected over Wi-Fi.`,
    tags: ['tv', 'wifi'],
    answers: [
      { body: `E-104 means the box can't reach the TV servers. The box over Wi-Fi is often the cause; use an ethernet cable if you can. Then restart the router first and the box second.`, accepted: true },
      { body: `If a cable isn't possible, a powerline adapter worked for me. Much more stable than Wi-Fi for the box.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Using my own router instead of the Nubia one`,
    body: `I have a TP-Link Deco mesh system and would rather use it as the main router. Is that supported? What settings do I need?`,
    tags: ['router', 'mesh'],
    answers: [
      { body: `Supported but not officially "helped with". You can put the Nubia router in bridge mode and let the Deco handle everything, or ask chat for the VLAN and PPPoE details to replace it entirely.` },
      { body: `Easiest route: keep the Nubia router, turn off its Wi-Fi, and put the Deco in access point mode. You keep TV working and get the mesh Wi-Fi.` },
      { body: `If you do bridge mode, TV won't work unless you set up the TV VLAN on the Deco, which Deco doesn't support. Learned that the hard way.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Is it safe to factory reset the router?`,
    body: `Support suggested a factory reset. Will I lose my internet settings, and will I need a technician afterwards?`,
    tags: ['router', 'reset'],
    answers: [
      { body: `It's safe. The router downloads the Nubia connection settings automatically within about 5 minutes. What you lose is your custom Wi-Fi name/password, port forwards and anything you set manually. No technician needed.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Mesh extender won't pair with the main router`,
    body: `Bought the Nubia mesh extender. The light stays orange and the app says "Searching for router" forever. It's in the room next to the router.`,
    tags: ['mesh', 'router', 'wifi'],
    answers: [
      { body: `Put it right next to the router for the first pairing, then move it. Once paired it remembers the network.` },
      { body: `If that doesn't work, press the WPS button on the router, then the pair button on the extender within 2 minutes. The app flow kept failing for me but WPS worked first time.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Smart home devices won't connect to the 5 GHz network`,
    body: `My smart plugs and a robot vacuum just don't see the Wi-Fi during setup. Phone and laptop are fine.`,
    tags: ['wifi', 'router'],
    answers: [
      { body: `Most smart home gadgets only support 2.4 GHz. If your router combines both bands under one name, split them (or temporarily turn 5 GHz off during setup) so the device can find the 2.4 GHz network.`, accepted: true },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Router in a hallway cupboard, is that a bad idea?`,
    body: `The installer put the router inside the hallway cupboard next to the fuse box. Wi-Fi in the bedroom is weak. Should I move it out?`,
    tags: ['router', 'wifi'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `How do I return the router after cancelling?`,
    body: `Cancelled my fiber last week. Haven't received any instructions for the equipment. Do I just post it somewhere?`,
    tags: ['router', 'return', 'cancel'],
    answers: [
      { body: `You should get an email with a prepaid label and a QR code for drop-off points within a few days of the cancellation date. You have 30 days. Keep the receipt from the drop-off point in case there's any dispute.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Setting up a guest Wi-Fi network for my Airbnb guests`,
    body: `I rent out a room and don't want guests on my main network with my NAS and cameras. Is the guest network isolated?`,
    tags: ['wifi', 'router', 'security'],
    answers: [
      { body: `Yes, the guest network is isolated from your main LAN by default, so guests can't see your NAS or cameras. Turn it on in **My router > Wi-Fi > Guests** and give it its own password.`, accepted: true },
      { body: `Tip: change the guest password between bookings. You can do it from the app in 10 seconds.` },
    ],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Old router from previous provider still blinking, do I send it back?`,
    body: `Nubia fiber is installed and working. The old router from my previous provider is sitting there flashing orange. Do I return it to them or to Nubia?`,
    tags: ['router', 'return'],
    answers: [],
  },
  {
    locale: 'en',
    category: 'devices',
    title: `Phone says "Connected, no internet" on Wi-Fi only`,
    body: `My Android phone connects to the Wi-Fi but shows "Connected, no internet". My laptop on the same Wi-Fi works. Mobile data works.`,
    tags: ['wifi', 'android'],
    answers: [
      { body: `Forget the network on the phone and reconnect. If that doesn't help, check **Settings > Network > Private DNS** — if it's set to a hostname that's down, you get exactly that message. Set it to Automatic.` },
    ],
  },
];
