import type { SeedArticle } from './types.ts';

/**
 * Help-center articles for the fictional company Nubia.
 * Every Spanish article has an English translation sharing the same `translationKey`.
 */
export const SEED_ARTICLES: SeedArticle[] = [
  // ───────────────────────────── account ─────────────────────────────
  {
    translationKey: 'reset-password',
    locale: 'es',
    slug: 'restablecer-contrasena',
    category: 'account',
    title: 'Cómo restablecer la contraseña de tu cuenta Nubia',
    summary: '¿Has olvidado tu contraseña? Crea una nueva en menos de dos minutos desde la web o la app.',
    tags: ['password', 'login', 'account', 'email'],
    body: `Si no recuerdas tu contraseña o el sistema te indica que ha caducado, puedes crear una nueva tú mismo sin llamar a atención al cliente.

## Antes de empezar

Necesitas tener acceso a **uno** de estos datos de contacto asociados a tu cuenta:

- El correo electrónico con el que te registraste.
- El número de móvil Nubia (o el que diste como contacto).
- Tu DNI/NIE, si vas a hacerlo con ayuda de un agente.

## Pasos para restablecerla

1. Entra en el área de cliente y pulsa **¿Has olvidado tu contraseña?**.
2. Escribe tu correo electrónico o tu número de móvil.
3. Recibirás un código de 6 dígitos por SMS o email. Es válido durante **15 minutos**.
4. Introduce el código y elige una contraseña nueva de al menos 10 caracteres, con una mayúscula y un número.
5. Pulsa **Guardar**. Se cerrará la sesión en el resto de tus dispositivos por seguridad.

## Si el código no llega

- Revisa la carpeta de spam o promociones; el remitente es \`no-reply@nubia.example\`.
- Espera un par de minutos antes de pedir otro código: cada nuevo envío invalida el anterior.
- Tras **5 intentos fallidos** la cuenta se bloquea 30 minutos. No es necesario contactar con nosotros, se desbloquea sola.

## Después del cambio

Recuerda actualizar la contraseña en la app Mi Nubia y en cualquier otro dispositivo donde la tuvieras guardada. Si sospechas que alguien ha accedido a tu cuenta, activa también la verificación en dos pasos.

Más información sobre cómo proteger tu cuenta en [nuestra guía de seguridad](https://example.com/nubia/seguridad).`,
  },
  {
    translationKey: 'reset-password',
    locale: 'en',
    slug: 'reset-your-password',
    category: 'account',
    title: 'How to reset your Nubia account password',
    summary: 'Forgot your password? Create a new one in under two minutes from the website or the app.',
    tags: ['password', 'login', 'account', 'email'],
    body: `If you can't remember your password, or you're told it has expired, you can create a new one yourself without calling customer support.

## Before you start

You need access to **one** of the contact details linked to your account:

- The email address you signed up with.
- Your Nubia mobile number (or the contact number you gave us).
- Your ID document number, if you're doing it with the help of an agent.

## Steps to reset it

1. Go to the customer area and select **Forgot your password?**.
2. Enter your email address or mobile number.
3. You'll receive a 6-digit code by text or email. It's valid for **15 minutes**.
4. Enter the code and choose a new password with at least 10 characters, including one capital letter and one number.
5. Select **Save**. For security, you'll be signed out on all your other devices.

## If the code doesn't arrive

- Check your spam or promotions folder; the sender is \`no-reply@nubia.example\`.
- Wait a couple of minutes before asking for a new code: each new code cancels the previous one.
- After **5 failed attempts** the account is locked for 30 minutes. You don't need to contact us, it unlocks on its own.

## After the change

Remember to update the password in the My Nubia app and on any other device where you had it saved. If you think someone else has accessed your account, turn on two-step verification too.

Read more about keeping your account safe in [our security guide](https://example.com/nubia/security).`,
  },
  {
    translationKey: 'two-step-verification',
    locale: 'es',
    slug: 'activar-verificacion-en-dos-pasos',
    category: 'account',
    title: 'Activa la verificación en dos pasos',
    summary: 'Añade una capa extra de seguridad: además de la contraseña, te pediremos un código cada vez que inicies sesión en un dispositivo nuevo.',
    tags: ['two-factor', 'security', 'login', 'sms'],
    body: `La verificación en dos pasos protege tu cuenta aunque alguien consiga tu contraseña. Cuando inicies sesión en un navegador o móvil nuevo, te pediremos además un código temporal.

## Cómo activarla

1. Inicia sesión en el área de cliente y ve a **Perfil > Seguridad**.
2. Pulsa **Activar verificación en dos pasos**.
3. Elige el método:
   - **App de autenticación** (recomendado): escanea el código QR con Google Authenticator, Microsoft Authenticator o similar.
   - **SMS**: te enviaremos el código a tu móvil.
4. Escribe el código que te muestra la app o el SMS para confirmar.
5. Guarda los **10 códigos de recuperación** en un lugar seguro. Cada uno solo se puede usar una vez.

## Si cambias de móvil

Antes de restablecer o vender tu teléfono, entra en **Perfil > Seguridad > Dispositivos de confianza** y pulsa **Mover a otro dispositivo**. Si ya no tienes el móvil antiguo, usa uno de tus códigos de recuperación para entrar y vuelve a configurar la app.

## Problemas habituales

- **«Código incorrecto»** (\`AUTH_2FA_INVALID_CODE\`): la hora de tu móvil debe estar en automático. Un desfase de más de 30 segundos invalida los códigos.
- **No tengo códigos de recuperación**: tendrás que verificar tu identidad con un agente. Ten a mano tu DNI y el número de una factura reciente.
- **Viajo al extranjero**: la app de autenticación funciona sin cobertura; el SMS puede tardar o no llegar en roaming.

Consulta la lista de apps compatibles en [example.com/nubia/2fa](https://example.com/nubia/2fa).`,
  },
  {
    translationKey: 'two-step-verification',
    locale: 'en',
    slug: 'set-up-two-step-verification',
    category: 'account',
    title: 'Set up two-step verification',
    summary: 'Add an extra layer of security: besides your password, we will ask for a code whenever you sign in on a new device.',
    tags: ['two-factor', 'security', 'login', 'sms'],
    body: `Two-step verification protects your account even if someone gets hold of your password. When you sign in on a new browser or phone, we'll also ask you for a temporary code.

## How to turn it on

1. Sign in to the customer area and go to **Profile > Security**.
2. Select **Turn on two-step verification**.
3. Choose a method:
   - **Authenticator app** (recommended): scan the QR code with Google Authenticator, Microsoft Authenticator or similar.
   - **Text message**: we'll send the code to your phone.
4. Enter the code shown in the app or the text message to confirm.
5. Store the **10 recovery codes** somewhere safe. Each one can only be used once.

## If you change phones

Before resetting or selling your phone, go to **Profile > Security > Trusted devices** and select **Move to another device**. If you no longer have the old phone, use one of your recovery codes to sign in and set up the app again.

## Common problems

- **"Invalid code"** (\`AUTH_2FA_INVALID_CODE\`): your phone's clock must be set to automatic. If it's more than 30 seconds off, the codes won't work.
- **I don't have recovery codes**: you'll need to verify your identity with an agent. Have your ID and the number of a recent bill ready.
- **I'm travelling abroad**: authenticator apps work without signal; text messages may be delayed or not arrive while roaming.

See the list of supported apps at [example.com/nubia/2fa](https://example.com/nubia/2fa).`,
  },

  // ───────────────────────────── billing ─────────────────────────────
  {
    translationKey: 'understand-invoice',
    locale: 'es',
    slug: 'entender-tu-factura',
    category: 'billing',
    title: 'Cómo leer tu factura Nubia',
    summary: 'Te explicamos cada apartado de la factura: cuota mensual, prorrateos, consumos extra e impuestos.',
    tags: ['invoice', 'billing', 'plan', 'roaming'],
    body: `Tu factura se emite el **día 1 de cada mes** y cubre el mes en curso por adelantado, más los consumos extra del mes anterior. Puedes descargarla en PDF desde **Facturas** en el área de cliente o en la app.

## Los apartados de la factura

1. **Resumen**: importe total, fecha de cargo y cuenta bancaria (solo se muestran los 4 últimos dígitos).
2. **Cuotas**: el precio de tu tarifa y de cada servicio adicional (líneas móviles, TV, seguro del dispositivo).
3. **Consumos**: llamadas a números especiales, roaming fuera de la UE y compras de contenido.
4. **Descuentos**: promociones activas y la fecha en que terminan.
5. **Impuestos**: el IVA o IGIC aplicable según tu dirección.

## ¿Por qué mi primera factura es más alta?

Es normal. La primera factura incluye el **prorrateo** de los días desde que se activó el servicio hasta final de mes, además del mes siguiente completo. Por ejemplo, si activaste la fibra el día 20, pagarás 11 días de prorrateo más el mes entero.

## Conceptos que suelen generar dudas

- \`Cuota de alta\`: pago único al contratar, si tu oferta lo incluía.
- \`Servicios de tarificación adicional\`: números 806, 905 o suscripciones SMS. Puedes bloquearlos gratis.
- \`Penalización por permanencia\`: solo aparece si das de baja un servicio antes de tiempo.

## ¿Ves algo que no cuadra?

Abre una reclamación desde **Facturas > ¿Tienes dudas sobre esta factura?** en los 30 días siguientes a su emisión. Te responderemos en un máximo de 5 días laborables y, si procede, te devolveremos el importe en la siguiente factura.

Más ejemplos explicados en [example.com/nubia/factura](https://example.com/nubia/factura).`,
  },
  {
    translationKey: 'understand-invoice',
    locale: 'en',
    slug: 'understand-your-bill',
    category: 'billing',
    title: 'How to read your Nubia bill',
    summary: 'A walkthrough of every section of your bill: monthly fee, pro-rated charges, extra usage and taxes.',
    tags: ['invoice', 'billing', 'plan', 'roaming'],
    body: `Your bill is issued on the **1st of every month** and covers the current month in advance, plus any extra usage from the previous month. You can download it as a PDF from **Bills** in the customer area or in the app.

## Sections of the bill

1. **Summary**: total amount, payment date and bank account (only the last 4 digits are shown).
2. **Fees**: the price of your plan and of each add-on (mobile lines, TV, device insurance).
3. **Usage**: calls to premium numbers, roaming outside the EU and content purchases.
4. **Discounts**: active promotions and the date they end.
5. **Taxes**: the VAT that applies to your address.

## Why is my first bill higher?

That's normal. Your first bill includes the **pro-rated** days from when the service was activated until the end of the month, plus the following full month. For example, if your fiber went live on the 20th, you'll pay for 11 pro-rated days plus the whole next month.

## Items that often raise questions

- \`Activation fee\`: a one-off charge when you sign up, if your offer included it.
- \`Premium rate services\`: 806/905 numbers or SMS subscriptions. You can block them for free.
- \`Early termination fee\`: only appears if you cancel a service before the end of your minimum term.

## Something doesn't add up?

Open a claim from **Bills > Questions about this bill?** within 30 days of the issue date. We'll reply within 5 working days and, if the claim is accepted, refund the amount on your next bill.

See more worked examples at [example.com/nubia/bill](https://example.com/nubia/bill).`,
  },
  {
    translationKey: 'change-payment-method',
    locale: 'es',
    slug: 'cambiar-metodo-de-pago',
    category: 'billing',
    title: 'Cambiar la cuenta bancaria o la tarjeta de pago',
    summary: 'Actualiza tu IBAN o tu tarjeta para que las próximas facturas se cobren en el método correcto.',
    tags: ['payment', 'direct-debit', 'card'],
    body: `Puedes pagar tus facturas Nubia por **domiciliación bancaria** o con **tarjeta** de débito o crédito. El cambio se hace en unos minutos y se aplica a la siguiente factura.

## Cambiar la cuenta bancaria (IBAN)

1. Entra en el área de cliente y ve a **Facturas > Método de pago**.
2. Pulsa **Cambiar** junto a la domiciliación actual.
3. Escribe el nuevo IBAN completo, por ejemplo \`ES91 2100 0418 4502 0005 1332\`.
4. Confirma que eres el titular de la cuenta o que tienes autorización del titular.
5. Introduce el código que te enviaremos por SMS para firmar la orden SEPA.

## Pagar con tarjeta

1. En **Método de pago**, elige **Tarjeta**.
2. Introduce los datos de la tarjeta. Tu banco puede pedirte que confirmes la operación en su app.
3. Haremos una comprobación de **0,00 €** para validar la tarjeta; no se te cobrará nada.

## Cosas a tener en cuenta

- Si la factura del mes ya está emitida, **se cobrará en el método anterior**. El cambio se aplica desde la siguiente.
- Las tarjetas prepago y las virtuales de un solo uso no se admiten.
- Si una domiciliación se devuelve, verás un recargo de \`3,00 €\` por gestión del impago. Puedes pagar la factura pendiente con tarjeta desde **Facturas > Pagar ahora**.

## ¿Has cerrado tu cuenta antigua?

Cambia el método de pago **antes** de cerrarla. Si ya está cerrada y tienes una factura devuelta, págala con tarjeta para evitar la suspensión del servicio.

Más detalles sobre pagos en [example.com/nubia/pagos](https://example.com/nubia/pagos).`,
  },
  {
    translationKey: 'change-payment-method',
    locale: 'en',
    slug: 'update-your-payment-method',
    category: 'billing',
    title: 'Change your bank account or payment card',
    summary: 'Update your IBAN or card so your next bills are charged to the right payment method.',
    tags: ['payment', 'direct-debit', 'card'],
    body: `You can pay your Nubia bills by **direct debit** or with a debit or credit **card**. Changing it only takes a few minutes and applies from your next bill.

## Change your bank account (IBAN)

1. Sign in to the customer area and go to **Bills > Payment method**.
2. Select **Change** next to your current direct debit.
3. Enter the full new IBAN, for example \`ES91 2100 0418 4502 0005 1332\`.
4. Confirm that you are the account holder or have the holder's permission.
5. Enter the code we text you to sign the SEPA mandate.

## Pay by card

1. In **Payment method**, choose **Card**.
2. Enter your card details. Your bank may ask you to approve the payment in its app.
3. We'll run a **€0.00** check to validate the card; you won't be charged anything.

## Things to keep in mind

- If this month's bill has already been issued, **it will be charged to the old method**. The change applies from the next one.
- Prepaid cards and single-use virtual cards are not accepted.
- If a direct debit bounces, you'll see a \`€3.00\` handling fee. You can pay the outstanding bill by card from **Bills > Pay now**.

## Closed your old account?

Change your payment method **before** closing it. If it's already closed and a bill has bounced, pay it by card to avoid your service being suspended.

More about payments at [example.com/nubia/payments](https://example.com/nubia/payments).`,
  },

  // ───────────────────────────── orders ─────────────────────────────
  {
    translationKey: 'track-order',
    locale: 'es',
    slug: 'seguir-tu-pedido',
    category: 'orders',
    title: 'Dónde está mi pedido: seguimiento y plazos de entrega',
    summary: 'Consulta el estado de tu compra en la tienda online, qué significa cada estado y cuánto tarda en llegar.',
    tags: ['order', 'tracking', 'shipping', 'delivery'],
    body: `Todos los pedidos de la tienda Nubia se pueden seguir en tiempo real. Necesitarás el **número de pedido**, que empieza por \`NB-\` y aparece en el correo de confirmación.

## Cómo consultar el estado

1. Entra en **Mis pedidos** en el área de cliente o en la app Mi Nubia.
2. Pulsa sobre el pedido que quieras consultar.
3. Si ya ha salido del almacén, verás el botón **Seguir envío**, que te lleva a la web de la empresa de transporte.

## Qué significa cada estado

- **Recibido**: hemos registrado el pedido y estamos verificando el pago.
- **En preparación**: el almacén está preparando el paquete. Aún puedes cancelarlo.
- **Enviado**: el paquete está en manos del transportista. Ya no se puede cancelar, pero sí devolver.
- **En reparto**: llegará hoy. Recibirás un SMS con una franja horaria.
- **Entregado**: el transportista ha confirmado la entrega.

## Plazos habituales

| Destino | Plazo |
| --- | --- |
| Península | 24–48 h laborables |
| Baleares | 3–4 días laborables |
| Canarias, Ceuta y Melilla | 5–7 días laborables |

Los móviles con **SIM o contrato nuevo** se entregan siempre en mano al titular, que deberá mostrar su DNI.

## Si pone «Entregado» pero no lo tienes

1. Pregunta a vecinos o en conserjería y revisa el buzón por si hay un aviso.
2. Espera hasta el final del día: a veces el repartidor marca la entrega antes de hacerla.
3. Si no aparece, abre una incidencia desde **Mis pedidos > Tengo un problema** en las 48 h siguientes.

Consulta las condiciones de envío completas en [example.com/nubia/envios](https://example.com/nubia/envios).`,
  },
  {
    translationKey: 'track-order',
    locale: 'en',
    slug: 'track-your-order',
    category: 'orders',
    title: 'Where is my order? Tracking and delivery times',
    summary: 'Check the status of your online store purchase, what each status means and how long delivery takes.',
    tags: ['order', 'tracking', 'shipping', 'delivery'],
    body: `Every order from the Nubia store can be tracked in real time. You'll need your **order number**, which starts with \`NB-\` and is in your confirmation email.

## How to check the status

1. Go to **My orders** in the customer area or in the My Nubia app.
2. Select the order you want to check.
3. Once it has left the warehouse, you'll see a **Track shipment** button that takes you to the courier's website.

## What each status means

- **Received**: we've registered the order and are verifying the payment.
- **Being prepared**: the warehouse is packing your parcel. You can still cancel it.
- **Shipped**: the parcel is with the courier. It can no longer be cancelled, but it can be returned.
- **Out for delivery**: it will arrive today. You'll get a text with a time window.
- **Delivered**: the courier has confirmed delivery.

## Typical delivery times

| Destination | Time |
| --- | --- |
| Mainland | 1–2 working days |
| Balearic Islands | 3–4 working days |
| Canary Islands, Ceuta and Melilla | 5–7 working days |

Phones with a **new SIM or contract** are always handed to the account holder in person, who must show their ID.

## It says "Delivered" but you don't have it

1. Ask your neighbours or building reception and check your mailbox for a card.
2. Wait until the end of the day: drivers sometimes mark a parcel as delivered before dropping it off.
3. If it still hasn't turned up, report it from **My orders > I have a problem** within 48 hours.

Read the full shipping terms at [example.com/nubia/shipping](https://example.com/nubia/shipping).`,
  },
  {
    translationKey: 'return-product',
    locale: 'es',
    slug: 'devolver-un-producto',
    category: 'orders',
    title: 'Cómo devolver un producto de la tienda online',
    summary: 'Tienes 14 días naturales para devolver tu compra. Te contamos cómo solicitar la recogida y cuándo recibirás el reembolso.',
    tags: ['return', 'refund', 'order', 'warranty'],
    body: `Si no estás satisfecho con tu compra, puedes devolverla en un plazo de **14 días naturales** desde la entrega, sin tener que dar explicaciones.

## Requisitos

- El producto debe estar **completo**: caja, cargador, cables, manuales y documentación.
- Desactiva el bloqueo del dispositivo (**Buscar mi iPhone** o la cuenta de Google) antes de enviarlo. Si no, no podremos aceptar la devolución.
- Los productos con el precinto de higiene roto (auriculares intraurales) solo se aceptan si están defectuosos.

## Solicitar la devolución

1. Ve a **Mis pedidos**, elige el pedido y pulsa **Devolver artículos**.
2. Selecciona los productos y el motivo.
3. Elige cómo enviarlo:
   - **Recogida a domicilio** gratuita: el transportista pasará en 2–3 días laborables.
   - **Punto de entrega**: lleva el paquete a cualquier punto asociado con el código QR que te enviaremos.
4. Imprime la etiqueta o muestra el QR. En la etiqueta verás tu código de devolución, por ejemplo \`RMA-48213\`.

## Reembolso

Cuando el almacén reciba y revise el producto (normalmente en **3 días laborables**), te devolveremos el importe por el mismo método de pago. El banco puede tardar hasta 10 días más en mostrarlo.

Si compraste el dispositivo **a plazos**, cancelaremos las cuotas pendientes y te devolveremos las que ya hubieras pagado.

## ¿Producto defectuoso?

Si el producto falla después de los 14 días, no es una devolución sino una **reparación en garantía** (3 años para productos nuevos). Solicítala desde **Mis pedidos > Garantía**.

Política completa de devoluciones en [example.com/nubia/devoluciones](https://example.com/nubia/devoluciones).`,
  },
  {
    translationKey: 'return-product',
    locale: 'en',
    slug: 'return-a-product',
    category: 'orders',
    title: 'How to return a product bought online',
    summary: 'You have 14 days to return your purchase. Here is how to book a pickup and when you will get your refund.',
    tags: ['return', 'refund', 'order', 'warranty'],
    body: `If you're not happy with your purchase, you can return it within **14 calendar days** of delivery, no questions asked.

## Requirements

- The product must be **complete**: box, charger, cables, manuals and paperwork.
- Turn off the device lock (**Find My iPhone** or your Google account) before sending it. Otherwise we can't accept the return.
- Products with a broken hygiene seal (in-ear headphones) are only accepted if they are faulty.

## Request a return

1. Go to **My orders**, choose the order and select **Return items**.
2. Select the products and the reason.
3. Choose how to send it:
   - Free **home pickup**: the courier will collect it within 2–3 working days.
   - **Drop-off point**: take the parcel to any partner location with the QR code we send you.
4. Print the label or show the QR code. The label includes your return code, for example \`RMA-48213\`.

## Refund

Once the warehouse receives and checks the product (usually within **3 working days**), we'll refund you using the original payment method. Your bank may take up to 10 more days to show it.

If you bought the device **in instalments**, we'll cancel the remaining instalments and refund the ones you had already paid.

## Faulty product?

If the product fails after the 14 days, it's not a return but a **warranty repair** (3 years for new products). Request it from **My orders > Warranty**.

Full returns policy at [example.com/nubia/returns](https://example.com/nubia/returns).`,
  },

  // ───────────────────────────── internet ─────────────────────────────
  {
    translationKey: 'slow-connection',
    locale: 'es',
    slug: 'internet-lento-que-hacer',
    category: 'internet',
    title: 'Internet va lento: qué comprobar antes de llamar',
    summary: 'La mayoría de problemas de velocidad se solucionan en casa. Sigue estos pasos para saber si el problema está en el Wi-Fi, en tu dispositivo o en la línea.',
    tags: ['speed', 'wifi', 'fiber', 'outage'],
    body: `Antes de abrir una avería, conviene averiguar **dónde** está el problema. En la mayoría de los casos la fibra llega bien al router y lo que falla es el Wi-Fi.

## 1. Haz un test de velocidad por cable

1. Conecta un ordenador al router con un cable de red (puertos amarillos \`LAN 1–4\`).
2. Cierra descargas, actualizaciones y cualquier programa que use internet.
3. Haz el test en [example.com/nubia/test-velocidad](https://example.com/nubia/test-velocidad).

Si por cable obtienes al menos el **80 %** de la velocidad contratada, la línea está bien y el problema es el Wi-Fi.

## 2. Mejora el Wi-Fi

- Coloca el router en un lugar alto y despejado, lejos de microondas, peceras y muebles metálicos.
- Conéctate a la red de **5 GHz** (termina en \`-5G\`) si estás cerca del router; es mucho más rápida.
- Si tu casa tiene varias plantas o paredes gruesas, valora un **amplificador mesh**.
- Comprueba cuántos dispositivos hay conectados desde la app Mi Nubia > **Mi router**.

## 3. Reinicia el router

Apágalo con el botón trasero, espera **30 segundos** y vuelve a encenderlo. Tarda unos 3 minutos en estar listo. No uses el botón \`RESET\`: borra toda la configuración.

## 4. Si por cable también va lento

- Revisa en la app si hay una **incidencia en tu zona**.
- Comprueba que el cable de fibra no esté doblado ni pisado y que la luz \`PON\` del router esté fija en verde.
- Si todo parece correcto, abre una avería desde **Soporte > Internet va lento**. El sistema hará un diagnóstico remoto de la línea y, si hace falta, te ofrecerá cita con un técnico.

**Ten en cuenta:** la velocidad por Wi-Fi nunca es la contratada: depende del dispositivo, la distancia y las interferencias. Un móvil de gama media rara vez supera los 300 Mb.`,
  },
  {
    translationKey: 'slow-connection',
    locale: 'en',
    slug: 'fix-a-slow-connection',
    category: 'internet',
    title: 'Slow internet: what to check before contacting us',
    summary: 'Most speed problems can be fixed at home. Follow these steps to find out whether the issue is your Wi-Fi, your device or the line.',
    tags: ['speed', 'wifi', 'fiber', 'outage'],
    body: `Before reporting a fault, it's worth finding out **where** the problem is. In most cases the fiber reaches your router just fine and it's the Wi-Fi that's struggling.

## 1. Run a wired speed test

1. Connect a computer to the router with a network cable (yellow \`LAN 1–4\` ports).
2. Pause downloads, updates and anything else using the internet.
3. Run the test at [example.com/nubia/speed-test](https://example.com/nubia/speed-test).

If you get at least **80%** of your contracted speed over a cable, the line is fine and the issue is your Wi-Fi.

## 2. Improve your Wi-Fi

- Place the router somewhere high and open, away from microwaves, fish tanks and metal furniture.
- Connect to the **5 GHz** network (its name ends in \`-5G\`) when you're close to the router; it's much faster.
- If your home has several floors or thick walls, consider a **mesh extender**.
- Check how many devices are connected in the My Nubia app > **My router**.

## 3. Restart the router

Switch it off with the button on the back, wait **30 seconds** and switch it on again. It takes about 3 minutes to be ready. Don't use the \`RESET\` button: it wipes all your settings.

## 4. If it's slow over a cable too

- Check the app for a **known outage in your area**.
- Make sure the fiber cable isn't bent or crushed and the router's \`PON\` light is solid green.
- If everything looks right, report a fault from **Support > Slow internet**. We'll run a remote line check and, if needed, offer you a technician appointment.

**Keep in mind:** Wi-Fi speed is never the full contracted speed: it depends on the device, the distance and interference. A mid-range phone will rarely go above 300 Mbps.`,
  },
  {
    translationKey: 'fiber-installation',
    locale: 'es',
    slug: 'instalacion-de-fibra-paso-a-paso',
    category: 'internet',
    title: 'Instalación de fibra: qué pasa el día de la cita',
    summary: 'Cómo prepararte para la visita del técnico, cuánto dura la instalación y qué hacer si necesitas cambiar la cita.',
    tags: ['fiber', 'installation', 'technician', 'router'],
    body: `Una vez confirmado tu pedido de fibra, te llamaremos o enviaremos un SMS en un plazo de **48 horas** para acordar la cita de instalación. La instalación es gratuita.

## Antes de la visita

- Decide dónde quieres el router: idealmente en una zona **central** de la casa y cerca de la entrada de la fibra o del teléfono.
- Si vives en un edificio, confirma que el técnico podrá acceder al **cuarto de telecomunicaciones** (RITI). A veces hay que pedir la llave al presidente o al conserje.
- Ten a mano tu DNI: el técnico debe verificar que eres el titular o una persona autorizada mayor de edad.

## El día de la instalación

1. Recibirás un SMS cuando el técnico esté de camino, con su nombre y una franja de **2 horas**.
2. El técnico pasará el cable de fibra hasta tu vivienda, normalmente por conductos existentes.
3. Instalará la roseta óptica y el router, y comprobará la señal.
4. Te ayudará a conectar un dispositivo y hará un test de velocidad delante de ti.
5. Firmarás el parte de trabajo en su tablet. Guarda el número de orden, por ejemplo \`OT-2024-118734\`.

La instalación suele durar entre **1 y 3 horas**, según el edificio.

## Cambiar o cancelar la cita

Puedes cambiarla hasta **24 horas antes** desde la app Mi Nubia > **Mis citas** o en [example.com/nubia/citas](https://example.com/nubia/citas). Si no hay nadie en casa y no avisas, la siguiente cita puede tardar más en asignarse.

## Si vienes de otro operador

No des de baja tu conexión antigua: nosotros gestionamos la portabilidad. Tu línea anterior se dará de baja automáticamente cuando la fibra Nubia esté activa.`,
  },
  {
    translationKey: 'fiber-installation',
    locale: 'en',
    slug: 'fiber-installation-step-by-step',
    category: 'internet',
    title: 'Fiber installation: what happens on the day',
    summary: 'How to prepare for the technician visit, how long installation takes and what to do if you need to reschedule.',
    tags: ['fiber', 'installation', 'technician', 'router'],
    body: `Once your fiber order is confirmed, we'll call or text you within **48 hours** to book your installation appointment. Installation is free.

## Before the visit

- Decide where you want the router: ideally somewhere **central** in your home and close to where the fiber or phone line comes in.
- If you live in an apartment building, make sure the technician can get into the **telecoms room**. Sometimes you'll need to ask the building manager for the key.
- Have your ID ready: the technician must check that you are the account holder or an authorised adult.

## On installation day

1. You'll get a text when the technician is on the way, with their name and a **2-hour** time window.
2. The technician will run the fiber cable into your home, usually through existing conduits.
3. They'll fit the optical wall socket and the router, and check the signal.
4. They'll help you connect a device and run a speed test with you.
5. You'll sign the work order on their tablet. Keep the order number, for example \`OT-2024-118734\`.

Installation usually takes **1 to 3 hours**, depending on the building.

## Reschedule or cancel

You can change the appointment up to **24 hours before** in the My Nubia app > **My appointments** or at [example.com/nubia/appointments](https://example.com/nubia/appointments). If nobody is home and you haven't told us, the next available slot may take longer.

## Switching from another provider

Don't cancel your old connection: we handle the switch for you. Your previous line will be cancelled automatically once your Nubia fiber is live.`,
  },

  // ───────────────────────────── mobile-app ─────────────────────────────
  {
    translationKey: 'app-sign-in-issues',
    locale: 'es',
    slug: 'problemas-para-iniciar-sesion-en-la-app',
    category: 'mobile-app',
    title: 'No puedo iniciar sesión en la app Mi Nubia',
    summary: 'Soluciones para los errores más habituales al entrar en la app: contraseña, código que no llega, versión antigua o sesión caducada.',
    tags: ['app', 'login', 'password'],
    body: `Si la app Mi Nubia no te deja entrar, casi siempre se debe a una de estas causas. Si ves alguno de estos mensajes, ya tienes una pista:

- \`AUTH_INVALID_CREDENTIALS\`: el usuario o la contraseña no son correctos.
- \`AUTH_LOCKED\`: demasiados intentos; espera 30 minutos.
- \`SESSION_EXPIRED\`: vuelve a iniciar sesión, es normal tras 90 días.

Si no, prueba estas soluciones en orden.

## 1. Actualiza la app

Las versiones anteriores a la **5.0** ya no son compatibles. Abre Google Play o App Store, busca «Mi Nubia» y pulsa **Actualizar**. Si ves el error \`APP_VERSION_UNSUPPORTED\`, esta es la causa.

## 2. Comprueba tus credenciales

- Usa el **mismo correo o número** con el que entras en la web.
- Si has cambiado la contraseña hace poco, la app puede tener guardada la antigua. Cierra sesión y vuelve a escribirla a mano.
- Si no la recuerdas, pulsa **¿Has olvidado tu contraseña?** en la pantalla de inicio.

## 3. Borra los datos de la app

En **Android**:

1. Ve a **Ajustes > Aplicaciones > Mi Nubia > Almacenamiento**.
2. Pulsa **Borrar caché** y después **Borrar datos**.
3. Abre la app e inicia sesión de nuevo.

En **iPhone**, mantén pulsado el icono, elige **Eliminar app** y vuelve a instalarla desde App Store.

## 4. Revisa la conexión

La app necesita internet para validar tu sesión. Si estás en el Wi-Fi de casa y falla, prueba con datos móviles (o al revés). Algunas VPN y bloqueadores de anuncios impiden el inicio de sesión y muestran \`ERR_NETWORK\`.

Si nada de esto funciona, cuéntanos el error exacto y el modelo de tu móvil en [example.com/nubia/contacto](https://example.com/nubia/contacto).`,
  },
  {
    translationKey: 'app-sign-in-issues',
    locale: 'en',
    slug: 'fix-app-sign-in-problems',
    category: 'mobile-app',
    title: "I can't sign in to the My Nubia app",
    summary: 'Fixes for the most common sign-in errors in the app: password, missing code, outdated version or expired session.',
    tags: ['app', 'login', 'password'],
    body: `If the My Nubia app won't let you in, it's almost always one of these causes. If you see one of these messages, you already have a clue:

- \`AUTH_INVALID_CREDENTIALS\`: the username or password is wrong.
- \`AUTH_LOCKED\`: too many attempts; wait 30 minutes.
- \`SESSION_EXPIRED\`: just sign in again, this is normal after 90 days.

Otherwise, try these fixes in order.

## 1. Update the app

Versions older than **5.0** are no longer supported. Open Google Play or the App Store, search for "My Nubia" and tap **Update**. If you see the error \`APP_VERSION_UNSUPPORTED\`, this is the cause.

## 2. Check your credentials

- Use the **same email or number** you use on the website.
- If you changed your password recently, the app may still have the old one saved. Sign out and type it in again.
- If you can't remember it, tap **Forgot your password?** on the sign-in screen.

## 3. Clear the app's data

On **Android**:

1. Go to **Settings > Apps > My Nubia > Storage**.
2. Tap **Clear cache** and then **Clear data**.
3. Open the app and sign in again.

On **iPhone**, press and hold the icon, choose **Remove App** and reinstall it from the App Store.

## 4. Check your connection

The app needs internet access to validate your session. If it fails on your home Wi-Fi, try mobile data (or the other way round). Some VPNs and ad blockers prevent sign-in and show \`ERR_NETWORK\`.

If none of this works, tell us the exact error and your phone model at [example.com/nubia/contact](https://example.com/nubia/contact).`,
  },
  {
    translationKey: 'app-notifications',
    locale: 'es',
    slug: 'configurar-notificaciones-de-la-app',
    category: 'mobile-app',
    title: 'Configura las notificaciones de la app Mi Nubia',
    summary: 'Elige qué avisos quieres recibir (facturas, consumo, pedidos, averías) y qué hacer si no te llegan.',
    tags: ['app', 'notifications', 'android', 'ios'],
    body: `La app Mi Nubia puede avisarte cuando se emite una factura, cuando te acercas al límite de datos, cuando tu pedido sale del almacén o cuando hay una avería en tu zona.

## Elegir qué notificaciones recibes

1. Abre la app y toca tu foto de perfil.
2. Ve a **Ajustes > Notificaciones**.
3. Activa o desactiva cada tipo:
   - **Facturas y pagos**
   - **Consumo de datos** (avisos al 80 % y al 100 %)
   - **Pedidos y envíos**
   - **Incidencias en tu zona**
   - **Ofertas y novedades** (desactivadas por defecto)
4. Los cambios se guardan automáticamente.

## Si no te llegan las notificaciones

En **Android**:

- Ve a **Ajustes > Aplicaciones > Mi Nubia > Notificaciones** y comprueba que están permitidas.
- Desactiva la **optimización de batería** para la app. Algunos fabricantes (Xiaomi, Huawei, Oppo) cierran las apps en segundo plano de forma agresiva.

En **iPhone**:

- Ve a **Ajustes > Notificaciones > Mi Nubia** y activa **Permitir notificaciones**.
- Revisa que no tengas activado un modo de **Concentración** que las silencie.

En ambos casos, cierra sesión en la app y vuelve a entrar: así se registra de nuevo el dispositivo para recibir avisos.

## Notificaciones duplicadas

Si recibes cada aviso dos veces, probablemente tienes la sesión abierta en dos dispositivos (por ejemplo, un móvil antiguo). Revisa la lista en **Perfil > Seguridad > Dispositivos** y elimina los que ya no uses.

## Avisos por SMS y correo

Los avisos importantes (impagos, cambios de contrato) se envían siempre por SMS o por correo desde \`avisos@nubia.example\`, aunque desactives las notificaciones de la app. Más información en [example.com/nubia/avisos](https://example.com/nubia/avisos).`,
  },
  {
    translationKey: 'app-notifications',
    locale: 'en',
    slug: 'manage-app-notifications',
    category: 'mobile-app',
    title: 'Manage notifications in the My Nubia app',
    summary: 'Choose which alerts you want (bills, usage, orders, outages) and what to do if they are not arriving.',
    tags: ['app', 'notifications', 'android', 'ios'],
    body: `The My Nubia app can let you know when a bill is issued, when you're close to your data limit, when your order leaves the warehouse or when there's an outage in your area.

## Choose which notifications you get

1. Open the app and tap your profile picture.
2. Go to **Settings > Notifications**.
3. Turn each type on or off:
   - **Bills and payments**
   - **Data usage** (alerts at 80% and 100%)
   - **Orders and shipping**
   - **Outages in your area**
   - **Offers and news** (off by default)
4. Changes are saved automatically.

## If notifications aren't arriving

On **Android**:

- Go to **Settings > Apps > My Nubia > Notifications** and make sure they're allowed.
- Turn off **battery optimisation** for the app. Some manufacturers (Xiaomi, Huawei, Oppo) aggressively close apps running in the background.

On **iPhone**:

- Go to **Settings > Notifications > My Nubia** and turn on **Allow Notifications**.
- Check that you don't have a **Focus** mode on that silences them.

In both cases, sign out of the app and back in: this registers your device again for alerts.

## Duplicate notifications

If you get every alert twice, you're probably signed in on two devices (an old phone, for example). Check the list under **Profile > Security > Devices** and remove the ones you no longer use.

## Text and email alerts

Important notices (missed payments, contract changes) are always sent by text or by email from \`alerts@nubia.example\`, even if you turn off app notifications. More at [example.com/nubia/alerts](https://example.com/nubia/alerts).`,
  },

  // ───────────────────────────── devices ─────────────────────────────
  {
    translationKey: 'change-wifi-password',
    locale: 'es',
    slug: 'cambiar-nombre-y-contrasena-wifi',
    category: 'devices',
    title: 'Cambiar el nombre y la contraseña del Wi-Fi',
    summary: 'Personaliza tu red Wi-Fi desde la app Mi Nubia o desde la configuración del router, sin necesidad de técnico.',
    tags: ['wifi', 'router', 'password', 'security'],
    body: `Por defecto, el nombre (SSID) y la contraseña de tu Wi-Fi vienen en la **pegatina de la parte inferior del router**. Te recomendamos cambiarlos por unos que recuerdes y que nadie más conozca.

## Desde la app Mi Nubia (recomendado)

1. Abre la app y ve a **Mi router > Wi-Fi**.
2. Toca **Editar** junto a la red que quieras cambiar (2,4 GHz o 5 GHz).
3. Escribe el nuevo nombre y la nueva contraseña.
4. Pulsa **Guardar**. El router aplicará los cambios en unos 30 segundos.

## Desde el navegador

1. Conéctate al Wi-Fi del router o por cable.
2. Abre \`http://192.168.1.1\` en el navegador.
3. Inicia sesión con el usuario \`admin\` y la **contraseña de acceso** que aparece en la pegatina (no es la del Wi-Fi).
4. Ve a **Wi-Fi > Configuración básica**, cambia el SSID y la clave, y pulsa **Aplicar**.

## Consejos para una buena contraseña

- Al menos **12 caracteres**, mezclando letras, números y símbolos.
- Evita datos personales como tu dirección o fechas de nacimiento.
- Usa el cifrado **WPA2-PSK** o **WPA3** (nunca WEP).
- Si quieres que los invitados se conecten sin darles tu clave, activa la **red de invitados** en **Mi router > Wi-Fi > Invitados**.

## Después del cambio

Todos tus dispositivos se desconectarán y tendrás que volver a conectarlos con la nueva contraseña. Si tienes un decodificador de TV, impresora o enchufes inteligentes conectados por Wi-Fi, también habrá que reconfigurarlos.

¿Has olvidado la nueva contraseña? Puedes verla en la app o, como último recurso, restaurar el router de fábrica. Más ayuda en [example.com/nubia/wifi](https://example.com/nubia/wifi).`,
  },
  {
    translationKey: 'change-wifi-password',
    locale: 'en',
    slug: 'change-wifi-name-and-password',
    category: 'devices',
    title: 'Change your Wi-Fi name and password',
    summary: 'Personalise your Wi-Fi network from the My Nubia app or the router settings, no technician needed.',
    tags: ['wifi', 'router', 'password', 'security'],
    body: `By default, your Wi-Fi network name (SSID) and password are printed on the **sticker underneath the router**. We recommend changing them to something you'll remember and nobody else knows.

## From the My Nubia app (recommended)

1. Open the app and go to **My router > Wi-Fi**.
2. Tap **Edit** next to the network you want to change (2.4 GHz or 5 GHz).
3. Enter the new name and password.
4. Tap **Save**. The router will apply the changes in about 30 seconds.

## From a web browser

1. Connect to the router's Wi-Fi or plug in a cable.
2. Open \`http://192.168.1.1\` in your browser.
3. Sign in with the username \`admin\` and the **admin password** printed on the sticker (this is not the Wi-Fi password).
4. Go to **Wi-Fi > Basic settings**, change the SSID and key, and click **Apply**.

## Tips for a good password

- At least **12 characters**, mixing letters, numbers and symbols.
- Avoid personal details such as your address or birthdays.
- Use **WPA2-PSK** or **WPA3** encryption (never WEP).
- If you want guests to connect without sharing your key, turn on the **guest network** under **My router > Wi-Fi > Guests**.

## After the change

All your devices will be disconnected and you'll need to reconnect them with the new password. If you have a TV box, printer or smart plugs on Wi-Fi, they'll need setting up again too.

Forgotten the new password? You can see it in the app or, as a last resort, factory reset the router. More help at [example.com/nubia/wifi](https://example.com/nubia/wifi).`,
  },
  {
    translationKey: 'router-restart-reset',
    locale: 'es',
    slug: 'reiniciar-o-restaurar-el-router',
    category: 'devices',
    title: 'Reiniciar o restaurar el router: diferencias y cuándo hacerlo',
    summary: 'Reiniciar soluciona la mayoría de fallos puntuales; restaurar de fábrica borra tu configuración. Aprende a distinguirlos y qué significa cada luz.',
    tags: ['router', 'restart', 'reset', 'outage'],
    body: `**Reiniciar** y **restaurar** no son lo mismo. Reiniciar apaga y enciende el router sin perder nada. Restaurar (o hacer un *reset*) lo devuelve a la configuración de fábrica: se borran el nombre y la contraseña del Wi-Fi, los puertos abiertos y cualquier ajuste que hayas hecho.

## Cómo reiniciar el router

Hazlo cuando la conexión va lenta, se corta o algún dispositivo no se conecta.

1. Pulsa el botón **ON/OFF** de la parte trasera (o desenchufa el cable de corriente).
2. Espera **30 segundos**.
3. Vuelve a encenderlo y espera unos 3 minutos hasta que la luz \`Internet\` se quede fija.

También puedes reiniciarlo a distancia desde la app Mi Nubia > **Mi router > Reiniciar**.

## Cómo restaurarlo de fábrica

Solo si te lo indica un agente, si has olvidado la contraseña de acceso o si el router no responde tras varios reinicios.

1. Con el router encendido, busca el orificio \`RESET\`.
2. Mantén pulsado el botón con un clip durante **10 segundos**, hasta que todas las luces parpadeen.
3. Espera 5 minutos. El router descargará automáticamente la configuración de Nubia.
4. Conéctate con el nombre y la contraseña de la pegatina.

## Qué significan las luces

- \`Power\` verde fija: encendido correctamente.
- \`PON\` verde fija: la fibra llega bien. Si parpadea, el router está sincronizando.
- \`LOS\` roja: no llega señal de fibra. Revisa el cable y, si sigue en rojo, abre una avería.
- \`Internet\` apagada: hay señal pero no conexión. Reinicia; si persiste, puede haber una incidencia en tu zona.

Guía con fotos de cada modelo de router en [example.com/nubia/router](https://example.com/nubia/router).`,
  },
  {
    translationKey: 'router-restart-reset',
    locale: 'en',
    slug: 'restart-or-reset-your-router',
    category: 'devices',
    title: 'Restart vs. factory reset your router: when to do each',
    summary: 'A restart fixes most one-off glitches; a factory reset wipes your settings. Learn the difference and what each light means.',
    tags: ['router', 'restart', 'reset', 'outage'],
    body: `**Restarting** and **resetting** are not the same. A restart switches the router off and on without losing anything. A factory reset returns it to its original settings: your Wi-Fi name and password, open ports and any other changes are erased.

## How to restart the router

Do this when the connection is slow, keeps dropping or a device won't connect.

1. Press the **ON/OFF** button on the back (or unplug the power cable).
2. Wait **30 seconds**.
3. Switch it back on and wait about 3 minutes until the \`Internet\` light stays solid.

You can also restart it remotely from the My Nubia app > **My router > Restart**.

## How to factory reset it

Only do this if an agent asks you to, if you've forgotten the admin password, or if the router doesn't respond after several restarts.

1. With the router switched on, find the \`RESET\` pinhole.
2. Press and hold the button with a paperclip for **10 seconds**, until all the lights flash.
3. Wait 5 minutes. The router will download the Nubia settings automatically.
4. Connect using the network name and password on the sticker.

## What the lights mean

- \`Power\` solid green: switched on correctly.
- \`PON\` solid green: the fiber signal is fine. If it's flashing, the router is syncing.
- \`LOS\` red: no fiber signal. Check the cable and, if it stays red, report a fault.
- \`Internet\` off: there's signal but no connection. Restart; if it persists, there may be an outage in your area.

Photo guides for each router model at [example.com/nubia/router](https://example.com/nubia/router).`,
  },
];
